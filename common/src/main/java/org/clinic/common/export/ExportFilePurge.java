package org.clinic.common.export;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.clinic.common.config.ExportSettings;
import org.clinic.common.ops.DefinerPurge;
import org.clinic.common.persistence.NotTenantScoped;
import org.jboss.logging.Logger;

/**
 * Deletes export files past their {@code keep_until} (a clinic's data, API.md §9: kept a day past the export's
 * expiry, never for ever), every {@code clinic.export.purge-interval}, through the kernel's definer function
 * {@code purge_expired_export_files} (V0_6).
 */
@ApplicationScoped
@NotTenantScoped("deletes expired export files of every clinic through a definer function that returns only a count")
public class ExportFilePurge {

    private static final Logger LOG = Logger.getLogger(ExportFilePurge.class);

    private final DefinerPurge purge;

    public ExportFilePurge(Pool pool, Vertx vertx, MeterRegistry registry, ExportSettings settings) {
        this.purge = new DefinerPurge(
                pool,
                vertx,
                registry,
                settings.purgeInterval(),
                "purge_expired_export_files",
                "expired export files",
                Counter.builder("export_files_purged").description("Export files deleted after their keep_until"),
                LOG);
    }

    void start(@Observes StartupEvent started) {
        purge.start();
    }

    void stop(@Observes ShutdownEvent stopping) {
        purge.stop();
    }

    /** Deletes every expired file there is now; the number deleted. */
    public Uni<Long> purge() {
        return purge.purge();
    }
}
