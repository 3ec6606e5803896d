package org.clinic.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/** A clinic's export files, kept by every process that owns a resource ({@code clinic.export.*}; export/ExportFiles). */
@ConfigMapping(prefix = "clinic.export")
public interface ExportSettings {

    /**
     * How often each replica deletes the export files past their {@code keep_until}
     * ({@code CLINIC_EXPORT_PURGE_INTERVAL}): it bounds how long a clinic's data stays stored after its export expired.
     */
    @WithDefault("1h")
    @DurationMin(seconds = 1)
    @DurationMax(hours = 24)
    Duration purgeInterval();
}
