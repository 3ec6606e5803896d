package org.clinic.gateway.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Map;
import org.clinic.gateway.GatewayTestBase;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.RefusedAnswers;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class UserEndpointsTest extends GatewayTestBase {

    @Test
    void adminCreatesStaffInOwnClinicAndPasswordIsNeverShown() throws Exception {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        String username = unique("nurse");
        int id = as(admin)
                .body(Map.of("username", username, "password", PASSWORD, "role", "receptionist", "clinic_id", 999))
                .post("/api/v1/clinics/{c}/users/", clinic)
                .then()
                .statusCode(201)
                .body("data.clinic_id", equalTo((int) clinic))
                .body("data", not(hasKey("password")))
                .body("data", not(hasKey("password_hash")))
                .body("data.is_active", equalTo(true))
                .extract()
                .path("data.id");
        try (Connection c = PostgresDatabase.connect();
                ResultSet rs =
                        c.createStatement().executeQuery("select password_hash from app_user where id = " + id)) {
            rs.next();
            assertTrue(rs.getString(1).startsWith("$2"), "stored as bcrypt");
        }
        login(username, PASSWORD).then().statusCode(200);
    }

    /**
     * Issue 27: a user create whose answer could not be recorded leaves no user (the user and the key's answer commit
     * together), so its retry creates the user instead of answering 409 "username exists" to its own create.
     */
    @Test
    void aUserCreateWhoseAnswerWasNotRecordedLeavesNoUserAndItsRetryCreatesIt() throws Exception {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        String username = unique("retry");
        String key = RefusedAnswers.key();
        Map<String, Object> body = Map.of("username", username, "password", PASSWORD, "role", "receptionist");
        try (RefusedAnswers refused = RefusedAnswers.install()) {
            int status = as(admin)
                    .header("Idempotency-Key", key)
                    .body(body)
                    .post("/api/v1/clinics/{c}/users/", clinic)
                    .statusCode();
            assertTrue(status >= 500, "answered " + status);
            login(username, PASSWORD).then().statusCode(401);
        }
        String first = as(admin)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/v1/clinics/{c}/users/", clinic)
                .then()
                .statusCode(201)
                .extract()
                .asString();
        String again = as(admin)
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/v1/clinics/{c}/users/", clinic)
                .then()
                .statusCode(201)
                .header("Idempotent-Replayed", "true")
                .extract()
                .asString();
        assertEquals(first, again);
        login(username, PASSWORD).then().statusCode(200);
    }

    @Test
    void passwordPolicyIsEnforced() {
        long clinic = newClinic();
        String username = unique("weak");
        for (String bad : new String[] {"short1", "12345678901234", "x" + username + "x", "Password123"}) {
            asSuperuser()
                    .body(Map.of("username", username, "password", bad, "role", "doctor"))
                    .post("/api/v1/clinics/{c}/users/", clinic)
                    .then()
                    .statusCode(400)
                    .body("errors", hasKey("password"));
        }
    }

    @Test
    void usernameIsUniqueAcrossTheInstall() {
        Account taken = newUser(newClinic(), "doctor");
        asSuperuser()
                .body(Map.of("username", taken.username().toUpperCase(), "password", PASSWORD, "role", "doctor"))
                .post("/api/v1/clinics/{c}/users/", newClinic())
                .then()
                .statusCode(409);
    }

    @Test
    void superuserRoleCannotBeGivenToStaff() {
        asSuperuser()
                .body(Map.of("username", unique("boss"), "password", PASSWORD, "role", "superuser"))
                .post("/api/v1/clinics/{c}/users/", newClinic())
                .then()
                .statusCode(400)
                .body("errors", hasKey("role"));
    }

    @Test
    void onlyAdminsAndSuperusersManageUsers() {
        long clinic = newClinic();
        for (String role : new String[] {"doctor", "receptionist"}) {
            Account user = newUser(clinic, role);
            as(user).get("/api/v1/clinics/{c}/users/", clinic).then().statusCode(403);
            as(user).body(Map.of("username", unique("x"), "password", PASSWORD, "role", "doctor"))
                    .post("/api/v1/clinics/{c}/users/", clinic)
                    .then()
                    .statusCode(403);
            as(user).delete("/api/v1/clinics/{c}/users/{id}/", clinic, user.id())
                    .then()
                    .statusCode(403);
        }
    }

    @Test
    void aUserMayReadSelfButNotColleagues() {
        long clinic = newClinic();
        Account doctor = newUser(clinic, "doctor");
        Account colleague = newUser(clinic, "receptionist");
        as(doctor)
                .get("/api/v1/clinics/{c}/users/{id}/", clinic, doctor.id())
                .then()
                .statusCode(200);
        as(doctor)
                .get("/api/v1/clinics/{c}/users/{id}/", clinic, colleague.id())
                .then()
                .statusCode(403);
        as(doctor)
                .get("/api/v1/clinics/{c}/users/me/", clinic)
                .then()
                .statusCode(200)
                .body("data.id", equalTo((int) doctor.id()))
                .body("data.role", equalTo("doctor"));
    }

    @Test
    void anotherClinicsUserIsNotFoundAndAnotherClinicsPathForbidden() {
        long a = newClinic();
        long b = newClinic();
        Account userOfA = newUser(a, "doctor");
        Account adminOfB = newUser(b, "admin");
        as(adminOfB)
                .get("/api/v1/clinics/{c}/users/{id}/", b, userOfA.id())
                .then()
                .statusCode(404);
        as(adminOfB)
                .body(Map.of("first_name", "Hacked"))
                .patch("/api/v1/clinics/{c}/users/{id}/", b, userOfA.id())
                .then()
                .statusCode(404);
        as(adminOfB)
                .delete("/api/v1/clinics/{c}/users/{id}/", b, userOfA.id())
                .then()
                .statusCode(404);
        as(adminOfB)
                .get("/api/v1/clinics/{c}/users/{id}/", a, userOfA.id())
                .then()
                .statusCode(403);
        as(adminOfB)
                .get("/api/v1/clinics/{c}/users/", b)
                .then()
                .statusCode(200)
                .body("data.id", not(hasItem((int) userOfA.id())))
                .body("data.clinic_id", everyItem(equalTo((int) b)));
        login(userOfA.username(), PASSWORD).then().statusCode(200);
    }

    @Test
    void listFiltersByRoleAndSearches() {
        long clinic = newClinic();
        Account doctor = newUser(clinic, "doctor");
        newUser(clinic, "receptionist");
        asSuperuser()
                .get("/api/v1/clinics/{c}/users/?role=doctor", clinic)
                .then()
                .statusCode(200)
                .body("data.role", everyItem(equalTo("doctor")))
                .body("pagination.count", equalTo(1));
        asSuperuser()
                .get(
                        "/api/v1/clinics/{c}/users/?search={s}",
                        clinic,
                        doctor.username().substring(0, 10).toUpperCase())
                .then()
                .statusCode(200)
                .body("data.id", hasItem((int) doctor.id()));
        // "%" and "_" are literal, not wildcards: no username contains "%", every one here contains "-"
        asSuperuser()
                .queryParam("search", "%")
                .get("/api/v1/clinics/{c}/users/", clinic)
                .then()
                .statusCode(200)
                .body("pagination.count", equalTo(0));
        asSuperuser()
                .queryParam("search", "r_")
                .get("/api/v1/clinics/{c}/users/", clinic)
                .then()
                .statusCode(200)
                .body("pagination.count", equalTo(0));
        asSuperuser()
                .queryParam("search", "x".repeat(101))
                .get("/api/v1/clinics/{c}/users/", clinic)
                .then()
                .statusCode(400)
                .body("errors", hasKey("search"));
        asSuperuser()
                .get("/api/v1/clinics/{c}/users/?role=wizard", clinic)
                .then()
                .statusCode(400)
                .body("errors", hasKey("role"));
        asSuperuser()
                .get("/api/v1/clinics/{c}/users/?ordering=password", clinic)
                .then()
                .statusCode(400)
                .body("errors", hasKey("ordering"));
    }

    @Test
    void deleteDeactivatesAndTheUserStaysReadable() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        Account doctor = newUser(clinic, "doctor");
        as(admin)
                .delete("/api/v1/clinics/{c}/users/{id}/", clinic, doctor.id())
                .then()
                .statusCode(204);
        as(admin)
                .get("/api/v1/clinics/{c}/users/{id}/", clinic, doctor.id())
                .then()
                .statusCode(200)
                .body("data.is_active", equalTo(false));
        login(doctor.username(), PASSWORD).then().statusCode(401);
    }

    @Test
    void adminCannotDeactivateThemselves() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        as(admin)
                .delete("/api/v1/clinics/{c}/users/{id}/", clinic, admin.id())
                .then()
                .statusCode(409);
    }

    @Test
    void changingThePasswordEndsOldSessions() {
        long clinic = newClinic();
        Account doctor = newUser(clinic, "doctor");
        String refresh = login(doctor.username(), PASSWORD).then().extract().path("data.refresh");
        asSuperuser()
                .body(Map.of("password", "Brand-New-Secret-77"))
                .patch("/api/v1/clinics/{c}/users/{id}/", clinic, doctor.id())
                .then()
                .statusCode(200);
        given().contentType(ContentType.JSON)
                .body(Map.of("refresh", refresh))
                .post("/api/v1/auth/token/refresh/")
                .then()
                .statusCode(401);
        login(doctor.username(), PASSWORD).then().statusCode(401);
        login(doctor.username(), "Brand-New-Secret-77").then().statusCode(200);
    }

    @Test
    void superuserProfileHasNoClinic() {
        asSuperuser()
                .get("/api/v1/clinics/{c}/users/me/", newClinic())
                .then()
                .statusCode(200)
                .body("data.clinic_id", nullValue())
                .body("data.role", equalTo("superuser"));
    }

    @Test
    void displayDeviceCannotReadUserEndpoints() {
        long clinic = newClinic();
        Account board = newUser(clinic, "display");
        as(board).get("/api/v1/clinics/{c}/users/me/", clinic).then().statusCode(403);
        as(board).get("/api/v1/clinics/{c}/", clinic).then().statusCode(403);
    }

    @Test
    void changesAreAuditedWithFieldNamesOnly() throws Exception {
        long clinic = newClinic();
        Account doctor = newUser(clinic, "doctor");
        asSuperuser()
                .body(Map.of("last_name", "Secret-Surname", "password", "Another-Good-Pass-5"))
                .patch("/api/v1/clinics/{c}/users/{id}/", clinic, doctor.id())
                .then()
                .statusCode(200);
        try (Connection c = PostgresDatabase.connect();
                ResultSet rs = c.createStatement()
                        .executeQuery("select actor_role, changes::text from audit_event where clinic_id = " + clinic
                                + " and resource_id = " + doctor.id() + " and action = 'update'")) {
            assertTrue(rs.next());
            String changes = rs.getString(2);
            assertTrue(rs.getString(1).equals("superuser"));
            assertTrue(changes.contains("last_name") && changes.contains("password"), changes);
            assertTrue(!changes.contains("Secret-Surname") && !changes.contains("Another-Good"), changes);
        }
    }

    @Test
    void staleIfMatchOnAUserIsA412() {
        long clinic = newClinic();
        Account doctor = newUser(clinic, "doctor");
        asSuperuser()
                .header("If-Match", "\"999\"")
                .body(Map.of("first_name", "Z"))
                .patch("/api/v1/clinics/{c}/users/{id}/", clinic, doctor.id())
                .then()
                .statusCode(412);
    }

    @Test
    void weakEtagNeverMatchesIfMatch() {
        long clinic = newClinic();
        Account doctor = newUser(clinic, "doctor");
        String etag = asSuperuser()
                .get("/api/v1/clinics/{c}/users/{id}/", clinic, doctor.id())
                .then()
                .extract()
                .header("ETag");
        asSuperuser()
                .header("If-Match", "W/" + etag)
                .body(Map.of("first_name", "Z"))
                .patch("/api/v1/clinics/{c}/users/{id}/", clinic, doctor.id())
                .then()
                .statusCode(412);
        asSuperuser()
                .header("If-Match", etag)
                .body(Map.of("first_name", "Z"))
                .patch("/api/v1/clinics/{c}/users/{id}/", clinic, doctor.id())
                .then()
                .statusCode(200);
    }

    @Test
    void passwordsLongerThanBcryptReadsAreRefused() {
        asSuperuser()
                .body(Map.of("username", unique("long"), "password", "Aa1-".repeat(19), "role", "doctor"))
                .post("/api/v1/clinics/{c}/users/", newClinic())
                .then()
                .statusCode(400)
                .body("errors", hasKey("password"));
    }
}
