package org.clinic.doctors.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.clinic.testing.PostgresDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

/**
 * Visits made before visit_history existed get their history from the migrations, run as production runs them: by
 * the owner role, under FORCE'd row-level security (PostgresDatabase provisions the same roles).
 */
class HistoryBackfillTest {

    private static Flyway flyway(String database, String target) {
        return Flyway.configure()
                .dataSource(
                        PostgresDatabase.jdbcUrl(database),
                        PostgresDatabase.ROLES.owner(),
                        PostgresDatabase.ROLES.ownerPassword())
                .locations("classpath:db/migration", "classpath:db/kernel")
                .placeholders(Map.of("app_role", PostgresDatabase.ROLES.app(), "audit_id_offset", "3"))
                .target(target)
                // as common's FlywaySessionLock sets it in every process: a CREATE INDEX CONCURRENTLY would wait
                // for ever on a transaction holding Flyway's lock
                .configuration(Map.of("flyway.postgresql.transactional.lock", "false"))
                .load();
    }

    @Test
    void visitsOlderThanTheirHistoryGetTheirCheckInAndPresentStatus() throws Exception {
        String database = PostgresDatabase.createDatabase();
        try {
            flyway(database, "7").migrate();
            try (Connection admin = DriverManager.getConnection(
                            PostgresDatabase.jdbcUrl(database), PostgresDatabase.user(), PostgresDatabase.password());
                    Statement sql = admin.createStatement()) {
                sql.executeUpdate("insert into visit (clinic_id, patient_id, patient_name, token_number, status,"
                        + " visit_day, check_in_date, checked_in_by, started_at, completed_at, updated_at) values"
                        + " (1, 10, 'A', 1, 'checked_in', '2026-01-05', '2026-01-05T09:00Z', 7, null, null, now()),"
                        + " (2, 20, 'B', 1, 'completed', '2026-01-05', '2026-01-05T09:00Z', 8,"
                        + " '2026-01-05T09:10Z', '2026-01-05T09:25Z', now())");
            }
            flyway(database, "latest").migrate();
            try (Connection admin = DriverManager.getConnection(
                            PostgresDatabase.jdbcUrl(database), PostgresDatabase.user(), PostgresDatabase.password());
                    Statement sql = admin.createStatement();
                    ResultSet rows = sql.executeQuery("select v.clinic_id, h.kind, h.from_value, h.to_value,"
                            + " h.actor_id, h.at = v.check_in_date or h.at = v.completed_at"
                            + " from visit_history h join visit v on v.id = h.visit_id order by h.visit_id, h.id")) {
                List<String> history = new ArrayList<>();
                while (rows.next()) {
                    history.add(rows.getLong(1) + " " + rows.getString(2) + " " + rows.getString(3) + "→"
                            + rows.getString(4) + " by " + rows.getObject(5) + " " + rows.getBoolean(6));
                }
                assertEquals(
                        List.of(
                                "1 checked_in null→checked_in by 7 true",
                                "2 checked_in null→checked_in by 8 true",
                                "2 status checked_in→completed by null true"),
                        history);
                // row-level security is back on for both tables
                try (ResultSet forced = sql.executeQuery("select count(*) from pg_class where relname in"
                        + " ('visit', 'visit_history') and relforcerowsecurity")) {
                    forced.next();
                    assertEquals(2, forced.getInt(1));
                }
            }
        } finally {
            PostgresDatabase.dropDatabase(database);
        }
    }
}
