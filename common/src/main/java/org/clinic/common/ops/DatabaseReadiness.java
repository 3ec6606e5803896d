package org.clinic.common.ops;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.clinic.common.error.DatabaseUnavailable;
import org.clinic.common.persistence.NotTenantScoped;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready means the pool that serves requests reaches its database ({@code DB_REACTIVE_URL}, a pooler where the install
 * has one). Quarkus's own checks are off ({@code quarkus.datasource.health.enabled=false}): its JDBC check opened a
 * connection on {@code DB_JDBC_URL} (PostgreSQL itself, kept for migrations) at every probe and held it, one more
 * connection per replica past the pooler's budget, and a pod behind a pooler would have been unready wherever only
 * the pooler is reachable (issue 29).
 */
@Readiness
@ApplicationScoped
@NotTenantScoped("select 1 reads nothing of any clinic")
public class DatabaseReadiness implements AsyncHealthCheck {

    public static final String NAME = "database";
    /** Under the chart's probe timeout (2 s), so the probe gets a DOWN with a reason rather than no answer. */
    private static final long TIMEOUT_MILLIS = 1500;

    private static final Duration TIMEOUT = Duration.ofMillis(TIMEOUT_MILLIS);

    private final Pool pool;

    DatabaseReadiness(Pool pool) {
        this.pool = pool;
    }

    /**
     * Down when the database refuses or cannot be reached; up, marked {@code busy}, when it only does not answer within
     * {@value #TIMEOUT_MILLIS} ms: every request is waiting for a connection (the pool's, or a pooler's few server
     * connections), which every replica of the service sees at once. Taking them all out of the Service for it would
     * turn a busy minute into an outage; the requests themselves answer 503 when they cannot get a connection in time.
     */
    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query("select 1")
                .execute()
                .map(rows -> HealthCheckResponse.up(NAME))
                .ifNoItem()
                .after(TIMEOUT)
                .recoverWithItem(() -> HealthCheckResponse.named(NAME)
                        .up()
                        .withData("busy", "no answer within " + TIMEOUT_MILLIS + " ms")
                        .build())
                .onFailure()
                .recoverWithItem(e -> DatabaseUnavailable.poolerBusy(e)
                        // a pooler's query_wait_timeout or full house: busy too
                        ? HealthCheckResponse.named(NAME)
                                .up()
                                .withData("busy", "the pooler has no server connection free")
                                .build()
                        : HealthCheckResponse.named(NAME)
                                .down()
                                .withData("error", e.getClass().getSimpleName())
                                .build());
    }
}
