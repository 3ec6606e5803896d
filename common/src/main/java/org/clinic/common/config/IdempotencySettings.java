package org.clinic.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/** The {@code Idempotency-Key} store of every process ({@code clinic.idempotency.*}; idempotency/IdempotencyPurge). */
@ConfigMapping(prefix = "clinic.idempotency")
public interface IdempotencySettings {

    /**
     * How often each replica deletes the keys past their 24 hours ({@code CLINIC_IDEMPOTENCY_PURGE_INTERVAL}): an
     * expired answer is never replayed, this bounds how long its PHI stays stored after that.
     */
    @WithDefault("15m")
    @DurationMin(seconds = 1)
    @DurationMax(hours = 24)
    Duration purgeInterval();
}
