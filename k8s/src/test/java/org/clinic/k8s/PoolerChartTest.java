package org.clinic.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Issue 29: the pooler of a region (pooler.mode) and its connection budget. us-east runs the bundled PgBouncer, eu-west
 * the operator's own, ap-south none; each is rendered as its region file gives it. That the bundled pooler's
 * configuration and image work with the services is shown by k8s/images/smoke, which runs them as this renders them.
 */
class PoolerChartTest {

    static final List<String> COMPONENTS = ChartPolicyTest.COMPONENTS;
    static final Map<String, String> DATABASES = Map.of(
            "gateway", "clinic_gateway",
            "patients", "clinic_patients",
            "doctors", "clinic_doctors",
            "consultations", "clinic_consultations");

    @Test
    void theRegionsCoverEveryMode() {
        Map<String, String> modes = new TreeMap<>();
        Chart.regions().forEach(region -> modes.put(region, Chart.poolerMode(region)));
        assertEquals(Map.of("ap-south", "none", "eu-west", "external", "us-east", "bundled"), modes);
    }

    @Test
    void theBundledPoolerIsPgBouncerInTransactionModeForTheFourRunTimeRoles() {
        List<JsonNode> objects = Chart.objects(Chart.renderWithHooks("us-east"));
        String ini = Chart.named(objects, "ConfigMap", "clinic-pooler")
                .at("/data/pgbouncer.ini")
                .asText();
        for (String database : DATABASES.values()) {
            assertTrue(
                    ini.contains(
                            database + " = host=pg.us-east.internal.example-clinic.app port=5432 dbname=" + database),
                    ini);
        }
        for (String line : List.of(
                "pool_mode = transaction",
                "auth_type = scram-sha-256",
                "auth_file = /etc/pgbouncer/users/userlist.txt",
                "default_pool_size = 10",
                "reserve_pool_size = 2",
                "max_db_connections = 12",
                "max_client_conn = 2000",
                "query_wait_timeout = 10",
                "server_tls_sslmode = verify-full",
                "listen_port = 6432",
                "unix_socket_dir =\n",
                "logfile =\n")) {
            assertTrue(ini.contains(line), line + " in\n" + ini);
        }

        JsonNode deployment = Chart.named(objects, "Deployment", "clinic-pooler");
        assertEquals(2, deployment.at("/spec/replicas").asInt());
        JsonNode pod = deployment.at("/spec/template/spec");
        JsonNode pgbouncer = pod.at("/containers/0");
        assertEquals(
                "registry.example-clinic.app/clinic/clinic-pgbouncer:1.0.0",
                pgbouncer.path("image").asText());
        assertEquals(
                "[\"/etc/pgbouncer/config/pgbouncer.ini\"]",
                pgbouncer.path("args").toString());
        assertEquals("postgres", pgbouncer.at("/readinessProbe/tcpSocket/port").asText());
        assertEquals(6432, pgbouncer.at("/ports/0/containerPort").asInt());
        // the passwords: from the install's database Secret, by the gateway image's PoolerUsers, into memory only
        JsonNode users = pod.at("/initContainers/0");
        assertEquals(
                "registry.example-clinic.app/clinic/clinic-gateway:1.0.0",
                users.path("image").asText());
        assertTrue(users.path("command").toString().contains("org.clinic.dbroles.PoolerUsers"));
        Map<String, String> env = new TreeMap<>();
        users.path("env")
                .forEach(e -> env.put(
                        e.path("name").asText(),
                        e.has("value")
                                ? e.path("value").asText()
                                : e.at("/valueFrom/secretKeyRef/key").asText()));
        for (String component : COMPONENTS) {
            String key = component.toUpperCase(java.util.Locale.ROOT);
            assertEquals("clinic_" + component + "_app", env.get("POOLER_USER_" + key));
            assertEquals(component + "-app-password", env.get("POOLER_PASSWORD_" + key));
        }
        JsonNode usersVolume = null;
        for (JsonNode volume : pod.path("volumes")) {
            if (volume.path("name").asText().equals("users")) {
                usersVolume = volume;
            }
        }
        assertEquals("Memory", usersVolume.at("/emptyDir/medium").asText());

        // a fixed count: no autoscaler multiplies its server connections
        assertFalse(Chart.ofKind(objects, "HorizontalPodAutoscaler").stream()
                .anyMatch(h -> h.at("/metadata/name").asText().equals("clinic-pooler")));
        assertEquals(
                1,
                Chart.named(objects, "PodDisruptionBudget", "clinic-pooler")
                        .at("/spec/maxUnavailable")
                        .asInt());
        assertEquals(
                6432,
                Chart.named(objects, "Service", "clinic-pooler")
                        .at("/spec/ports/0/port")
                        .asInt());
    }

    @Test
    void behindTheBundledPoolerTheServicesUseItAndOnlyListenAndMigrationsReachPostgres() {
        List<JsonNode> objects = Chart.objects(Chart.renderWithHooks("us-east"));
        for (String component : COMPONENTS) {
            JsonNode data = configOf(objects, component);
            String database = DATABASES.get(component);
            assertEquals(
                    "postgresql://clinic-pooler:6432/" + database + "?sslmode=disable",
                    data.path("DB_REACTIVE_URL").asText());
            assertEquals("true", data.path("DB_TRANSACTION_POOLER").asText());
            assertEquals(
                    "jdbc:postgresql://pg.us-east.internal.example-clinic.app:5432/" + database
                            + "?sslmode=verify-full",
                    data.path("DB_JDBC_URL").asText());
            if (component.equals("doctors")) {
                assertEquals(
                        "postgresql://pg.us-east.internal.example-clinic.app:5432/clinic_doctors?sslmode=verify-full",
                        data.path("DB_LISTEN_URL").asText());
            } else {
                assertTrue(data.path("DB_LISTEN_URL").isMissingNode(), component);
            }
        }
    }

    @Test
    void anExternalPoolerIsReachedByItsUrlAndNoPgBouncerIsDeployed() {
        List<JsonNode> objects = Chart.objects(Chart.renderWithHooks("eu-west"));
        JsonNode data = configOf(objects, "patients");
        assertEquals(
                "postgresql://pgbouncer.eu-west.internal.example-clinic.app:6432/clinic_patients?sslmode=verify-full",
                data.path("DB_REACTIVE_URL").asText());
        assertEquals("true", data.path("DB_TRANSACTION_POOLER").asText());
        assertTrue(Chart.ofKind(objects, "Deployment").stream()
                .noneMatch(d -> d.at("/metadata/name").asText().contains("pooler")));
    }

    @Test
    void withoutAPoolerNothingChanges() {
        List<JsonNode> objects = Chart.objects(Chart.renderWithHooks("ap-south"));
        for (String component : COMPONENTS) {
            JsonNode data = configOf(objects, component);
            assertTrue(data.path("DB_TRANSACTION_POOLER").isMissingNode(), component);
            assertTrue(data.path("DB_LISTEN_URL").isMissingNode(), component);
            assertTrue(data.path("DB_REACTIVE_URL").asText().startsWith("postgresql://pg.ap-south"), component);
        }
        assertFalse(Chart.renderWithHooks("ap-south").contains("pooler"));
    }

    /**
     * docs/operations.md "The connection budget": at every autoscaler's maximum, plus the larger of the migrations and
     * a rollout's extra pods, the region's PostgreSQL connections must fit database.maxConnections less the reserved
     * ones, or the install is refused with the figures.
     */
    @Test
    void anInstallOverItsConnectionBudgetIsRefusedWithTheFigures() {
        // us-east without its pooler: (16 + 12 + 12 + 8) x 20 = 960 pool connections, 12 LISTEN, and a rollout's
        // extra pod of each service (4 x 20 + 1 LISTEN = 81, more than the migrations' 8)
        IllegalStateException direct = assertThrows(
                IllegalStateException.class, () -> Chart.render("us-east", t -> t.set("pooler.mode", "none")));
        assertTrue(
                direct.getMessage()
                        .contains("opens 1053 connections to PostgreSQL (service pools 960, LISTEN 12,"
                                + " the larger of the migrations and a rollout's extra pods 81), over database.maxConnections"
                                + " 200 less 3 reserved"),
                direct.getMessage());
        // with it: 2 replicas x 4 databases x (10 + 2) = 96, + 12 + a third pooler replica while it rolls (48 + 1) =
        // 157 fits; 4 replicas (192 + 12 + 49 = 253) do not
        Chart.render("us-east");
        IllegalStateException wide = assertThrows(
                IllegalStateException.class, () -> Chart.render("us-east", t -> t.set("pooler.replicas", "4")));
        assertTrue(wide.getMessage().contains("opens 253 connections"), wide.getMessage());
        assertTrue(wide.getMessage().contains("the pooler's 192"), wide.getMessage());
        // ap-south without a pooler: 18 x 20 = 360 + 4 + 81 = 445, under its 500 less 3; not under 400
        Chart.render("ap-south");
        assertThrows(
                IllegalStateException.class,
                () -> Chart.render("ap-south", t -> t.set("database.maxConnections", "400")));
        // eu-west behind the operator's pooler: its 40 + 8 LISTEN + 8 migrations = 56 under 100 less 3; the budget is
        // not checked blind: without the external pooler's own count it is refused
        Chart.render("eu-west");
        IllegalStateException blind = assertThrows(
                IllegalStateException.class,
                () -> Chart.render("eu-west", t -> t.set("pooler.external.serverConnections", "0")));
        assertTrue(blind.getMessage().contains("pooler.external.serverConnections"), blind.getMessage());
        // unknown max_connections (0): not checked
        Chart.render("us-east", t -> t.set("pooler.mode", "none").set("database.maxConnections", "0"));
    }

    /** One bundled pooler replica takes every service pool (at the maxima, plus a rollout's pods) while another restarts. */
    @Test
    void aBundledPoolerWithoutRoomForEveryPoolIsRefused() {
        // (17 + 13 + 13 + 9) x 20 = 1040 client connections
        IllegalStateException refused = assertThrows(
                IllegalStateException.class,
                () -> Chart.render("us-east", t -> t.set("pooler.maxClientConnections", "1000")));
        assertTrue(refused.getMessage().contains("up to 1040 connections to the pooler"), refused.getMessage());
        Chart.render("us-east", t -> t.set("pooler.maxClientConnections", "1040"));
        // one replica would leave nothing while it restarts
        assertThrows(IllegalStateException.class, () -> Chart.render("us-east", t -> t.set("pooler.replicas", "1")));
    }

    @Test
    void thePoolerImageTagCanBePinnedApartFromTheServices() {
        List<JsonNode> objects = Chart.objects(Chart.render("us-east", t -> t.set("pooler.imageTag", "1.18-1")));
        assertEquals(
                "registry.example-clinic.app/clinic/clinic-pgbouncer:1.18-1",
                Chart.named(objects, "Deployment", "clinic-pooler")
                        .at("/spec/template/spec/containers/0/image")
                        .asText());
        assertEquals(
                "registry.example-clinic.app/clinic/clinic-gateway:1.0.0",
                Chart.named(objects, "Deployment", "clinic-gateway")
                        .at("/spec/template/spec/containers/0/image")
                        .asText());
    }

    @Test
    void anExternalPoolerNeedsItsHostAndItsAddresses() {
        IllegalStateException noHost = assertThrows(
                IllegalStateException.class, () -> Chart.render("eu-west", t -> t.set("pooler.external.host", "")));
        assertTrue(noHost.getMessage().contains("host"), noHost.getMessage());
        assertThrows(
                IllegalStateException.class,
                () -> Chart.render("ap-south", t -> t.set("pooler.mode", "external")
                        .set("pooler.external.host", "pgbouncer.ap-south.internal.example-clinic.app")));
        assertThrows(IllegalStateException.class, () -> Chart.render("ap-south", t -> t.set("pooler.mode", "session")));
    }

    /** A component's settings as the chart renders them (its ConfigMap's data). */
    private static JsonNode configOf(List<JsonNode> objects, String component) {
        return Chart.named(objects, "ConfigMap", "clinic-" + component).path("data");
    }
}
