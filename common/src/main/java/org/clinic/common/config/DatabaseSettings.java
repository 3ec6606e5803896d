package org.clinic.common.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/**
 * Where every process's database is ({@code DB_REACTIVE_URL}, {@code DB_JDBC_URL}, {@code DB_USER}), checked at
 * start: a malformed URL stops the process with one line instead of failing at the first connection. The
 * {@code quarkus.datasource.*} settings read these.
 */
@ConfigMapping(prefix = "clinic.database")
public interface DatabaseSettings {

    /** The run-time pool's URL, e.g. {@code postgresql://db:5432/clinic_patients}. */
    @Pattern(
            regexp = "(vertx-reactive:)?postgres(ql)?://[^\\s/]+(:[0-9]{1,5})?/[A-Za-z0-9_\\-]+(\\?\\S*)?",
            message = "must be postgresql://HOST[:PORT]/DATABASE")
    String reactiveUrl();

    /**
     * The URL of the one connection a doctors-service replica keeps for {@code LISTEN} ({@code DB_LISTEN_URL}, default
     * the run-time pool's, {@link #reactiveUrl()}): a session of its own, so it must reach PostgreSQL itself, not a pooler in transaction mode.
     */
    java.util.Optional<
                    @Pattern(
                            regexp =
                                    "(vertx-reactive:)?postgres(ql)?://[^\\s/]+(:[0-9]{1,5})?/[A-Za-z0-9_\\-]+(\\?\\S*)?",
                            message = "must be postgresql://HOST[:PORT]/DATABASE")
                    String>
            listenUrl();

    /**
     * Whether {@code DB_REACTIVE_URL} is a pooler in transaction mode (PgBouncer {@code pool_mode = transaction},
     * {@code DB_TRANSACTION_POOLER}): the pool then prepares every statement unnamed and caches none (a named one
     * would be looked for on another server connection), which the pooler needs and direct connections do not.
     */
    @WithDefault("false")
    @Pattern(regexp = "true|false", message = "must be true or false")
    String transactionPooler();

    /** Flyway's URL (migrations only), e.g. {@code jdbc:postgresql://db:5432/clinic_patients}. */
    @Pattern(
            regexp = "jdbc:postgresql://[^\\s/]+(:[0-9]{1,5})?/[A-Za-z0-9_\\-]+(\\?\\S*)?",
            message = "must be jdbc:postgresql://HOST[:PORT]/DATABASE")
    String jdbcUrl();

    /** The run-time role (never the owner nor a superuser: docs/security/tenant-isolation.md). */
    @NotBlank
    String user();

    /**
     * How long one statement of a request's transaction may run ({@code DB_STATEMENT_TIMEOUT}); over it the statement
     * is cancelled and the request answers 503 (issue 26: bounded work per request).
     */
    @WithDefault("5s")
    @DurationMin(millis = 100)
    @DurationMax(minutes = 10)
    java.time.Duration statementTimeout();
}
