package org.clinic.common.persistence;

import io.quarkus.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;

/**
 * Flyway holds its lock on a migrating database as a session's advisory lock, not in an open transaction: a
 * {@code CREATE INDEX CONCURRENTLY} (which a migration must use on a large table that the previous release's pods
 * keep writing to, docs/operations.md) waits for every open transaction to end, Flyway's own lock included, and with a
 * transactional lock would wait for ever (flyway/flyway#3854).
 */
@Singleton
public class FlywaySessionLock implements FlywayConfigurationCustomizer {

    @Override
    public void customize(FluentConfiguration configuration) {
        configuration
                .getPluginRegister()
                .getPlugin(PostgreSQLConfigurationExtension.class)
                .setTransactionalLock(false);
    }
}
