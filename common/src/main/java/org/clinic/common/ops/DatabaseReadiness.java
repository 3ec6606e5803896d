package org.clinic.common.ops;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
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
    private static final Duration TIMEOUT = Duration.ofMillis(1500);

    private final Pool pool;

    DatabaseReadiness(Pool pool) {
        this.pool = pool;
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        return pool.query("select 1")
                .execute()
                .ifNoItem()
                .after(TIMEOUT)
                .fail()
                .map(rows -> HealthCheckResponse.up(NAME))
                .onFailure()
                .recoverWithItem(e -> HealthCheckResponse.named(NAME)
                        .down()
                        .withData("error", e.getClass().getSimpleName())
                        .build());
    }
}
