package org.clinic.common.config;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

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

    /** Flyway's URL (migrations only), e.g. {@code jdbc:postgresql://db:5432/clinic_patients}. */
    @Pattern(
            regexp = "jdbc:postgresql://[^\\s/]+(:[0-9]{1,5})?/[A-Za-z0-9_\\-]+(\\?\\S*)?",
            message = "must be jdbc:postgresql://HOST[:PORT]/DATABASE")
    String jdbcUrl();

    /** The run-time role (never the owner nor a superuser: docs/security/tenant-isolation.md). */
    @NotBlank
    String user();
}
