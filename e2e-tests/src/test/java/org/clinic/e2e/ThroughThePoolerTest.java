package org.clinic.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.clinic.testing.PgBouncer;
import org.clinic.testing.Race;
import org.clinic.testing.ServiceRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 29: the suite (Suite) reaches its databases through a real PgBouncer in transaction mode with fewer server
 * connections per database than a process's pool opens, and leaves nothing of a session on them: no named prepared
 * statement, no session setting, no LISTEN, no advisory lock, no temporary table, each of which would reach the next
 * client of that server connection.
 */
class ThroughThePoolerTest {

    @BeforeAll
    static void suite() {
        Suite.start();
    }

    @Test
    void aBusyMorningRunsThroughThePoolerAndLeavesNoSessionStateBehind() throws Exception {
        // a record of every kind, through the gateway (identity, patients, check-in, consultation, prescription, …)
        World world = World.create();
        List<Long> patients =
                IntStream.range(0, 20).mapToObj(i -> world.newPatient()).toList();
        // twenty check-ins at once: five times the pooler's server connections, one clinic-day counter
        List<Integer> tokens = Race.of(20, n -> World.as(world.receptionist())
                .body(Map.of("doctor", world.doctorId()))
                .post("/api/v1/clinics/{c}/patients/{p}/check_in/", world.clinic(), patients.get(n))
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getInt("data.token_number"));
        List<Integer> sorted = new ArrayList<>(tokens);
        sorted.sort(null);
        // the world's own check-in took 1
        assertEquals(IntStream.rangeClosed(2, 21).boxed().toList(), sorted);
        World.as(world.doctor())
                .post("/api/v1/clinics/{c}/doctors/{d}/queue/call-next/", world.clinic(), world.doctorId())
                .then()
                .statusCode(200);
        World.as(world.admin())
                .get("/api/v1/clinics/{c}/analytics/dashboard/", world.clinic())
                .then()
                .statusCode(200);
        World.as(world.admin())
                .get("/api/v1/clinics/{c}/audit-events/", world.clinic())
                .then()
                .statusCode(200);

        PgBouncer pooler = Suite.pooler();
        List<String> found = new ArrayList<>();
        for (ServiceRunner process : Suite.processes()) {
            int servers = pooler.serverConnections(process.database());
            assertTrue(
                    servers > 0 && servers <= Suite.POOLER_SERVER_CONNECTIONS,
                    process.database() + " holds " + servers + " server connections through the pooler");
            pooler.sessionState(process.database(), 3 * Suite.POOLER_SERVER_CONNECTIONS).stream()
                    .map(line -> process.database() + " " + line)
                    .forEach(found::add);
        }
        assertEquals(List.of(), found, pooler.log());
    }

    /**
     * Requests and readiness go through the pooler; the only run-time connection to PostgreSQL itself is doctors-service's
     * LISTEN (DB_LISTEN_URL). A readiness check on DB_JDBC_URL would hold one more per replica past the pooler's budget,
     * and make a pod unready where only the pooler is reachable (the chart's NetworkPolicy when pooled).
     */
    @Test
    void onlyDoctorsServicesListenConnectsPastThePooler() throws Exception {
        Map<String, ServiceRunner> byDatabase = new java.util.TreeMap<>();
        Suite.processes().forEach(process -> byDatabase.put(process.database(), process));
        // each process has answered its readiness probe at start; ask once more, as a kubelet does every few seconds
        for (ServiceRunner process : Suite.processes()) {
            io.restassured.RestAssured.get(process.url() + "/q/health/ready")
                    .then()
                    .statusCode(200);
        }
        java.util.Set<Integer> pooled = new java.util.HashSet<>(Suite.pooler().serverBackendPids());
        Map<String, List<String>> direct = new java.util.TreeMap<>();
        byDatabase.keySet().forEach(database -> direct.put(database, new ArrayList<>()));
        try (java.sql.Connection admin = java.sql.DriverManager.getConnection(
                        org.clinic.testing.PostgresDatabase.jdbcUrl("postgres"),
                        org.clinic.testing.PostgresDatabase.user(),
                        org.clinic.testing.PostgresDatabase.password());
                java.sql.PreparedStatement sessions = admin.prepareStatement("select pid, datname, application_name,"
                        + " coalesce(query, '') from pg_stat_activity where usename = ? and datname = any(?)")) {
            sessions.setString(1, org.clinic.testing.PostgresDatabase.ROLES.app());
            sessions.setArray(2, admin.createArrayOf("text", byDatabase.keySet().toArray()));
            try (java.sql.ResultSet row = sessions.executeQuery()) {
                // a server connection the pooler opened after its list was read is in the second reading
                List<String[]> rows = new ArrayList<>();
                while (row.next()) {
                    rows.add(new String[] {row.getString(1), row.getString(2), row.getString(3), row.getString(4)});
                }
                pooled.addAll(Suite.pooler().serverBackendPids());
                for (String[] session : rows) {
                    if (!pooled.contains(Integer.parseInt(session[0]))) {
                        direct.get(session[1]).add(session[2] + ": " + session[3]);
                    }
                }
            }
        }
        for (Map.Entry<String, List<String>> database : direct.entrySet()) {
            boolean doctors = byDatabase.get(database.getKey()) == Suite.doctorsProcess();
            List<String> sessions = database.getValue();
            if (doctors) {
                assertEquals(1, sessions.size(), database.getKey() + ": " + sessions);
                assertTrue(sessions.get(0).toUpperCase(java.util.Locale.ROOT).contains("LISTEN"), sessions::toString);
            } else {
                assertEquals(List.of(), sessions, database.getKey() + " connects past the pooler");
            }
        }
    }

    /**
     * A request the pooler cannot give a server connection in time ({@code query_wait_timeout}: PgBouncer 1.18 closes
     * the client's connection) answers 503 with {@code Retry-After} in the envelope, as when PostgreSQL itself is away,
     * never a 500; readiness stays up meanwhile (busy, not gone: every replica sees the same, and taking them all out
     * would make a busy minute an outage); the same request succeeds once the server connection is free again.
     */
    @Test
    void aRequestThePoolerCannotServeInTimeIsA503WhileReadinessStaysUp() throws Exception {
        World world = World.create();
        // one server connection; a client waits for it 3 s at most (the chart's default is 10 s, readiness waits 1.5 s)
        try (PgBouncer tight = PgBouncer.start(1, 3)) {
            ServiceRunner patients = new ServiceRunner("patients-service")
                    .through(tight)
                    .env("CLINIC_DOCTORS_URL", Suite.doctorsProcess().url())
                    .env(
                            "CLINIC_CONSULTATIONS_URL",
                            Suite.consultationsProcess().url())
                    .start();
            try {
                String list = patients.url() + "/api/v1/clinics/" + world.clinic() + "/patients/";
                java.util.function.Supplier<io.restassured.response.Response> listPatients =
                        () -> io.restassured.RestAssured.given()
                                .auth()
                                .oauth2(world.admin().token())
                                .get(list);
                listPatients.get().then().statusCode(200);
                // the pooler's only server connection, held in an open transaction
                try (java.sql.Connection holder = java.sql.DriverManager.getConnection(
                                "jdbc:postgresql://127.0.0.1:" + tight.port() + "/" + patients.database()
                                        + "?preferQueryMode=simple&assumeMinServerVersion=12",
                                org.clinic.testing.PostgresDatabase.ROLES.app(),
                                org.clinic.testing.PostgresDatabase.ROLES.appPassword());
                        java.sql.Statement hold = holder.createStatement()) {
                    holder.setAutoCommit(false);
                    hold.execute("select 1");
                    io.restassured.response.Response refused = listPatients.get();
                    assertEquals(503, refused.statusCode(), refused.asString());
                    assertEquals(false, refused.jsonPath().getBoolean("success"), refused.asString());
                    assertTrue(
                            refused.header("Retry-After") != null,
                            refused.headers().toString());
                    io.restassured.response.Response ready =
                            io.restassured.RestAssured.get(patients.url() + "/q/health/ready");
                    assertEquals(200, ready.statusCode(), ready.asString());
                    assertTrue(ready.asString().contains("busy"), ready.asString());
                    holder.rollback();
                }
                listPatients.get().then().statusCode(200);
            } finally {
                patients.stop();
            }
        }
    }

    /** The probe above finds what a session leaves: a SET without LOCAL and a named prepared statement (own database). */
    @Test
    void theProbeFindsASessionSettingAndANamedStatementLeftOnAPooledConnection() throws Exception {
        String database = org.clinic.testing.PostgresDatabase.createDatabase();
        try {
            try (java.sql.Connection client = java.sql.DriverManager.getConnection(
                            "jdbc:postgresql://127.0.0.1:" + Suite.pooler().port() + "/" + database
                                    + "?assumeMinServerVersion=12&prepareThreshold=1",
                            org.clinic.testing.PostgresDatabase.ROLES.app(),
                            org.clinic.testing.PostgresDatabase.ROLES.appPassword());
                    java.sql.Statement session = client.createStatement()) {
                session.execute("SET work_mem = '8MB'");
                try (java.sql.PreparedStatement named = client.prepareStatement("select 1 + ?")) {
                    named.setInt(1, 1);
                    named.executeQuery().close();
                    named.executeQuery().close();
                }
            }
            List<String> found = Suite.pooler().sessionState(database, 3 * Suite.POOLER_SERVER_CONNECTIONS);
            assertTrue(found.stream().anyMatch(line -> line.contains("session settings work_mem")), found::toString);
            assertTrue(found.stream().anyMatch(line -> line.contains("prepared statements")), found::toString);
        } finally {
            org.clinic.testing.PostgresDatabase.dropDatabase(database);
        }
    }
}
