package org.clinic.e2e;

import static io.restassured.RestAssured.given;
import static org.clinic.testing.GatewayAccounts.asSuperuser;
import static org.clinic.testing.GatewayAccounts.newUser;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.clinic.testing.GatewayAccounts;
import org.clinic.testing.GatewayAccounts.Account;
import org.clinic.testing.ServiceRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API.md §3 "Audit": one list across every service, its filters, its pages, and its locks. */
class AuditTrailTest {

    private static World world;

    @BeforeAll
    static void suite() {
        Suite.start();
        world = World.create();
        // the remaining kinds of event: an update, a delete, a failed and a good login, a superuser's read
        World.as(world.receptionist())
                .body(Map.of("city", "Pune"))
                .patch("/api/v1/clinics/{c}/patients/{p}/", world.clinic(), world.patient())
                .then()
                .statusCode(200);
        World.as(world.admin())
                .delete("/api/v1/clinics/{c}/test-reports/{t}/", world.clinic(), world.testReport())
                .then()
                .statusCode(204);
        given().baseUri(Suite.gateway())
                .contentType(ContentType.JSON)
                .body(Map.of("username", world.receptionist().username(), "password", "not-the-password-1"))
                .post("/api/v1/auth/token/")
                .then()
                .statusCode(401);
        GatewayAccounts.login(world.receptionist().username(), GatewayAccounts.PASSWORD);
        asSuperuser()
                .get("/api/v1/clinics/{c}/patients/{p}/", world.clinic(), world.patient())
                .then()
                .statusCode(200);
    }

    private static JsonPath list(String query) {
        return World.as(world.admin())
                .get("/api/v1/clinics/" + world.clinic() + "/audit-events/" + query)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    @Test
    void everyKindOfEventFromEveryServiceIsInOneList() {
        JsonPath all = list("?page_size=200");
        List<String> actions = all.getList("data.action");
        assertThat(
                new HashSet<>(actions),
                hasItems("create", "update", "delete", "check_in", "transition", "login", "login_failed", "read_phi"));
        List<String> types = all.getList("data.resource_type");
        assertThat(
                new HashSet<>(types),
                hasItems("user", "patient", "doctor", "visit", "consultation", "prescription", "test_report"));
        assertThat(all.getInt("pagination.count"), is(actions.size()));
        assertThat(all.getList("data.clinic_id", Integer.class), everyItem(is((int) world.clinic())));
        assertThat(all.getList("data.id", Long.class).size(), is(new HashSet<>(all.getList("data.id")).size()));
        // the superuser's read of the patient
        List<Map<String, Object>> phi =
                all.getList("data.findAll { it.action == 'read_phi' && it.resource_type == 'patient' }");
        assertThat(phi.size(), is(1));
        assertThat(phi.get(0).get("actor_role"), is("superuser"));
        assertThat(phi.get(0).get("resource_type"), is("patient"));
        assertThat(((Number) phi.get(0).get("resource_id")).longValue(), is(world.patient()));
    }

    @Test
    void noEventCarriesAValue() {
        String body = World.as(world.admin())
                .get("/api/v1/clinics/{c}/audit-events/?page_size=200", world.clinic())
                .then()
                .statusCode(200)
                .extract()
                .asString();
        for (String value :
                List.of("Ravi Kumar", "9876501234", "Pune", "Fever", "Paracetamol", "CBC", GatewayAccounts.PASSWORD)) {
            assertThat(body, not(containsString(value)));
        }
        // changes name fields only
        assertThat(list("?action=update&resource_type=patient").getList("data[0].changes"), hasItem("city"));
    }

    @Test
    void newestFirstAcrossServicesWithPagesThatNeitherRepeatNorSkip() {
        JsonPath all = list("?page_size=200");
        List<Long> expected = all.getList("data.id", Long.class);
        List<String> at = all.getList("data.at");
        for (int i = 1; i < at.size(); i++) {
            assertThat("ordered by at, newest first", at.get(i - 1).compareTo(at.get(i)) >= 0, is(true));
        }
        List<Long> paged = new ArrayList<>();
        int pages = (expected.size() + 2) / 3;
        for (int page = 1; page <= pages; page++) {
            JsonPath one = list("?page_size=3&page=" + page);
            assertThat(one.getInt("pagination.count"), is(expected.size()));
            paged.addAll(one.getList("data.id", Long.class));
        }
        assertThat(paged, is(expected));
        World.as(world.admin())
                .get("/api/v1/clinics/{c}/audit-events/?page_size=3&page=" + (pages + 1), world.clinic())
                .then()
                .statusCode(404);
    }

    @Test
    void filtersNarrowTheList() {
        JsonPath creates = list("?action=create&resource_type=patient");
        assertThat(creates.getInt("pagination.count"), is(1));
        assertThat(creates.getLong("data[0].resource_id"), is(world.patient()));
        assertThat(creates.getLong("data[0].actor_id"), is(world.receptionist().id()));

        JsonPath byActor = list("?actor=" + world.doctor().id() + "&page_size=200");
        assertThat(
                byActor.getList("data.actor_id", Long.class),
                everyItem(is(world.doctor().id())));
        assertThat(new HashSet<>(byActor.getList("data.resource_type")), hasItems("consultation", "prescription"));

        JsonPath visit = list("?resource_type=visit&resource_id=" + world.visit());
        assertThat(new HashSet<>(visit.getList("data.action")), hasItems("check_in", "transition"));
        assertThat(visit.getList("data.resource_id", Long.class), everyItem(is(world.visit())));

        // dates are the clinic's local day
        LocalDate today = LocalDate.now(zoneOf(world.clinic()));
        int total = list("?page_size=1").getInt("pagination.count");
        assertThat(list("?from=" + today + "&to=" + today + "&page_size=1").getInt("pagination.count"), is(total));
        assertThat(list("?to=" + today.minusDays(1)).getInt("pagination.count"), is(0));
        assertThat(list("?from=2020-01-01T00:00:00Z&page_size=1").getInt("pagination.count"), is(total));
    }

    @Test
    void badFiltersAre400NamingTheParameter() {
        for (String[] bad : new String[][] {
            {"action=explode", "action"},
            {"resource_type=spaceship", "resource_type"},
            {"actor=abc", "actor"},
            {"resource_id=-1", "resource_id"},
            {"from=yesterday", "from"},
            {"to=2026-13-01", "to"},
            {"from=2026-11-02&to=2026-11-01", "from"},
            {"page=0", "page"},
            {"page=300&page_size=50", "page"}
        }) {
            World.as(world.admin())
                    .get("/api/v1/clinics/" + world.clinic() + "/audit-events/?" + bad[0])
                    .then()
                    .statusCode(400)
                    .body("errors", hasKey(bad[1]));
        }
    }

    @Test
    void onlyAdminsAndSuperusersOfTheClinicMayReadIt() {
        World.as(world.doctor())
                .get("/api/v1/clinics/{c}/audit-events/", world.clinic())
                .then()
                .statusCode(403);
        World.as(world.receptionist())
                .get("/api/v1/clinics/{c}/audit-events/", world.clinic())
                .then()
                .statusCode(403);
        Account otherAdmin = newUser(GatewayAccounts.newClinic(), "admin");
        World.as(otherAdmin)
                .get("/api/v1/clinics/{c}/audit-events/", world.clinic())
                .then()
                .statusCode(403);
        asSuperuser()
                .get("/api/v1/clinics/{c}/audit-events/", world.clinic())
                .then()
                .statusCode(200)
                .body("success", equalTo(true));
    }

    @Test
    void auditRowsCannotBeChangedOrDeletedInAnyDatabase() throws Exception {
        for (ServiceRunner process : Suite.processes()) {
            try (Connection db = process.connect();
                    Statement sql = db.createStatement()) {
                assertThrows(SQLException.class, () -> sql.executeUpdate("UPDATE audit_event SET action = 'x'"));
                assertThrows(SQLException.class, () -> sql.executeUpdate("DELETE FROM audit_event"));
                assertThrows(SQLException.class, () -> sql.executeUpdate("TRUNCATE audit_event"));
            }
        }
    }

    private static ZoneId zoneOf(long clinic) {
        return ZoneId.of(World.as(world.admin())
                .get("/api/v1/clinics/{c}/", clinic)
                .then()
                .statusCode(200)
                .extract()
                .path("data.timezone"));
    }
}
