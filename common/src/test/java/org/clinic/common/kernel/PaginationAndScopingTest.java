package org.clinic.common.kernel;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.ResultSet;
import org.clinic.testing.Created;
import org.clinic.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class PaginationAndScopingTest extends KernelTestBase {

    private static long create(long clinic, String name) {
        return Created.id(as(clinic, "admin")
                .contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\",\"quantity\":1}")
                .post("/api/v1/clinics/{c}/probes/", clinic));
    }

    @Test
    void anAuditEventForAnotherClinicLeavesTheCallersTransactionInItsOwnClinic() throws Exception {
        long mine = newClinic();
        long other = newClinic();
        as(mine, "admin")
                .post("/api/v1/clinics/{c}/probes/audit-elsewhere/{o}", mine, other)
                .then()
                .statusCode(200)
                .body("data", equalTo(String.valueOf(mine)));
        try (Connection db = PostgresDatabase.connect();
                ResultSet rows = db.createStatement()
                        .executeQuery("select clinic_id from audit_event where resource_type = 'probe'"
                                + " and action = 'update' and clinic_id in (" + mine + ", " + other + ")")) {
            assertEquals(true, rows.next());
            assertEquals(other, rows.getLong(1), "the event is the named clinic's");
            assertEquals(false, rows.next());
        }
    }

    @Test
    void pagesCarryCountLinksAndOnlyTheClinicsRows() {
        long a = newClinic();
        long b = newClinic();
        for (int i = 0; i < 5; i++) {
            create(a, "a" + i);
        }
        create(b, "b0");
        as(a, "admin")
                .get("/api/v1/clinics/{c}/probes/?page=2&page_size=2", a)
                .then()
                .statusCode(200)
                .body("data", hasSize(2))
                .body("data.clinic_id", everyItem(equalTo((int) a)))
                .body("pagination.count", equalTo(5))
                .body("pagination.page", equalTo(2))
                .body("pagination.page_size", equalTo(2))
                .body("pagination.total_pages", equalTo(3))
                .body("pagination.next", equalTo("/api/v1/clinics/" + a + "/probes/?page=3&page_size=2"))
                .body("pagination.previous", equalTo("/api/v1/clinics/" + a + "/probes/?page=1&page_size=2"));
    }

    @Test
    void emptyListIsPageOneOfOne() {
        long a = newClinic();
        as(a, "admin")
                .get("/api/v1/clinics/{c}/probes/", a)
                .then()
                .statusCode(200)
                .body("data", hasSize(0))
                .body("pagination.count", equalTo(0))
                .body("pagination.total_pages", equalTo(1))
                .body("pagination.next", nullValue())
                .body("pagination.previous", nullValue());
    }

    @Test
    void pagePastTheLastIsNotFound() {
        long a = newClinic();
        create(a, "only");
        as(a, "admin").get("/api/v1/clinics/{c}/probes/?page=2", a).then().statusCode(404);
    }

    @Test
    void badPageParametersAre400NamingTheParameter() {
        long a = newClinic();
        as(a, "admin")
                .get("/api/v1/clinics/{c}/probes/?page=0", a)
                .then()
                .statusCode(400)
                .body("errors.page", notNullValue());
        as(a, "admin")
                .get("/api/v1/clinics/{c}/probes/?page=x", a)
                .then()
                .statusCode(400)
                .body("errors.page", notNullValue());
        as(a, "admin")
                .get("/api/v1/clinics/{c}/probes/?page_size=201", a)
                .then()
                .statusCode(400)
                .body("errors.page_size", notNullValue());
        as(a, "admin")
                .get("/api/v1/clinics/{c}/probes/?page_size=200", a)
                .then()
                .statusCode(200);
    }

    @Test
    void anotherClinicsRowIsNotFound() {
        long a = newClinic();
        long b = newClinic();
        long id = create(a, "mine");
        as(b, "admin").get("/api/v1/clinics/{c}/probes/{id}/", b, id).then().statusCode(404);
        as(a, "admin")
                .get("/api/v1/clinics/{c}/probes/{id}/", a, id)
                .then()
                .statusCode(200)
                .header("ETag", equalTo("\"0\""));
    }

    @Test
    void auditEventCommitsWithTheChangeAndRollsBackWithIt() throws Exception {
        long a = newClinic();
        long id = create(a, "audited");
        as(a, "admin")
                .post("/api/v1/clinics/{c}/probes/{id}/fail", a, id)
                .then()
                .statusCode(409);
        try (Connection c = PostgresDatabase.connect();
                ResultSet rs = c.createStatement()
                        .executeQuery(
                                "select action, actor_id, actor_role, request_id, changes from audit_event where clinic_id = "
                                        + a + " and resource_id = " + id + " order by id")) {
            rs.next();
            assertEquals("create", rs.getString("action"));
            assertEquals(7L, rs.getLong("actor_id"));
            assertEquals("admin", rs.getString("actor_role"));
            assertEquals(java.util.List.of("name", "quantity"), java.util.Arrays.asList((String[])
                    rs.getArray("changes").getArray()));
            org.junit.jupiter.api.Assertions.assertNotNull(rs.getString("request_id"));
            org.junit.jupiter.api.Assertions.assertFalse(rs.next(), "the failed change's audit event must roll back");
        }
    }

    @Test
    void aKeyIsGivenBackWhenTheWorkFails() {
        long a = newClinic();
        String key = java.util.UUID.randomUUID().toString();
        as(a, "admin")
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body("{\"name\":\"fail\",\"quantity\":1}")
                .post("/api/v1/clinics/{c}/probes/idempotent", a)
                .then()
                .statusCode(409)
                .body("message", equalTo("Refused inside the work."));
        // had the key been kept, another body under it would be "used with a different request"
        as(a, "admin")
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body("{\"name\":\"fine\",\"quantity\":1}")
                .post("/api/v1/clinics/{c}/probes/idempotent", a)
                .then()
                .statusCode(201);
        as(a, "admin")
                .contentType(ContentType.JSON)
                .header("Idempotency-Key", key)
                .body("{\"name\":\"fine\",\"quantity\":1}")
                .post("/api/v1/clinics/{c}/probes/idempotent", a)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true");
    }
}
