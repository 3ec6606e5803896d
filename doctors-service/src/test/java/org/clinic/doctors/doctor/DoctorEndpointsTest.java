package org.clinic.doctors.doctor;

import static io.restassured.RestAssured.given;
import static org.clinic.testing.GatewayAccounts.asSuperuser;
import static org.clinic.testing.GatewayAccounts.newClinic;
import static org.clinic.testing.GatewayAccounts.newUser;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clinic.testing.Created;
import org.clinic.testing.GatewayAccounts;
import org.clinic.testing.GatewayAccounts.Account;
import org.clinic.testing.GatewayProcess;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.Race;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(GatewayProcess.class)
class DoctorEndpointsTest {

    private static RequestSpecification as(Account account) {
        return given().auth().oauth2(account.token()).contentType(ContentType.JSON);
    }

    private static Map<String, Object> profile(long userId) {
        Map<String, Object> body = new HashMap<>();
        body.put("user", userId);
        body.put("specialization", "Cardiology");
        body.put("license_number", "LIC-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("qualification", "MBBS, MD");
        body.put("experience_years", 12);
        return body;
    }

    private static long createDoctor(Account admin, Account doctorUser) {
        return Created.id(
                as(admin).body(profile(doctorUser.id())).post("/api/v1/clinics/{c}/doctors/", admin.clinicId()));
    }

    @Test
    void adminCreatesAProfileForADoctorUser() throws Exception {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        Account doctor = newUser(clinic, "doctor");
        int id = as(admin)
                .body(profile(doctor.id()))
                .post("/api/v1/clinics/{c}/doctors/", clinic)
                .then()
                .statusCode(201)
                .header("Location", matchesPattern("/api/v1/clinics/" + clinic + "/doctors/\\d+/"))
                .body("data.clinic_id", equalTo((int) clinic))
                .body("data.user", equalTo((int) doctor.id()))
                .body("data.user_name", equalTo("Test doctor"))
                .body("data.is_active", equalTo(true))
                .body("data.experience_years", equalTo(12))
                .extract()
                .path("data.id");
        try (Connection c = PostgresDatabase.connect();
                ResultSet rs = c.createStatement()
                        .executeQuery(
                                "select action, actor_id from audit_event where resource_type = 'doctor' and resource_id = "
                                        + id)) {
            rs.next();
            assertEquals("create", rs.getString(1));
            assertEquals(admin.id(), rs.getLong(2));
        }
    }

    @Test
    void theUserMustBeAnActiveDoctorOfTheSameClinic() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        Account receptionist = newUser(clinic, "receptionist");
        Account doctorElsewhere = newUser(newClinic(), "doctor");
        Account retired = newUser(clinic, "doctor");
        asSuperuser()
                .delete("/api/v1/clinics/{c}/users/{id}/", clinic, retired.id())
                .then()
                .statusCode(204);

        for (long userId : List.of(receptionist.id(), doctorElsewhere.id(), retired.id(), 987_654_321L)) {
            as(admin)
                    .body(profile(userId))
                    .post("/api/v1/clinics/{c}/doctors/", clinic)
                    .then()
                    .statusCode(400)
                    .body("errors", hasKey("user"));
        }
    }

    @Test
    void licenceNumbersAreUniqueWithinAClinicOnly() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        Map<String, Object> first = profile(newUser(clinic, "doctor").id());
        as(admin)
                .body(first)
                .post("/api/v1/clinics/{c}/doctors/", clinic)
                .then()
                .statusCode(201);
        Map<String, Object> same = profile(newUser(clinic, "doctor").id());
        same.put("license_number", first.get("license_number"));
        as(admin).body(same).post("/api/v1/clinics/{c}/doctors/", clinic).then().statusCode(409);

        long other = newClinic();
        Map<String, Object> elsewhere = profile(newUser(other, "doctor").id());
        elsewhere.put("license_number", first.get("license_number"));
        as(newUser(other, "admin"))
                .body(elsewhere)
                .post("/api/v1/clinics/{c}/doctors/", other)
                .then()
                .statusCode(201);
    }

    @Test
    void aUserHasOneProfilePerClinic() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        Account doctor = newUser(clinic, "doctor");
        createDoctor(admin, doctor);
        as(admin)
                .body(profile(doctor.id()))
                .post("/api/v1/clinics/{c}/doctors/", clinic)
                .then()
                .statusCode(409);
    }

    /**
     * Profiles for one user sent at once: the check before the insert lets several through, and the unique index
     * refuses all but one. Each refusal is a 409 in the envelope, never a 500 (Hibernate Reactive reports the
     * violation as its own exception, with no PgException among its causes).
     */
    @Test
    void profilesForOneUserSentAtOnceMakeOne() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        Account doctor = newUser(clinic, "doctor");
        for (int round = 0; round < 3; round++) {
            Account user = round == 0 ? doctor : newUser(clinic, "doctor");
            List<Integer> statuses = Race.of(6, n -> as(admin)
                    .body(profile(user.id()))
                    .post("/api/v1/clinics/{c}/doctors/", clinic)
                    .statusCode());
            assertEquals(1, statuses.stream().filter(status -> status == 201).count(), statuses.toString());
            assertEquals(5, statuses.stream().filter(status -> status == 409).count(), statuses.toString());
        }
    }

    @Test
    void staffReadProfilesButOnlyAdminsWriteThem() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        long id = createDoctor(admin, newUser(clinic, "doctor"));
        for (String role : List.of("doctor", "receptionist")) {
            Account staff = newUser(clinic, role);
            as(staff).get("/api/v1/clinics/{c}/doctors/", clinic).then().statusCode(200);
            as(staff)
                    .get("/api/v1/clinics/{c}/doctors/{id}/", clinic, id)
                    .then()
                    .statusCode(200);
            as(staff)
                    .body(profile(newUser(clinic, "doctor").id()))
                    .post("/api/v1/clinics/{c}/doctors/", clinic)
                    .then()
                    .statusCode(403);
            as(staff)
                    .body(Map.of("specialization", "X"))
                    .patch("/api/v1/clinics/{c}/doctors/{id}/", clinic, id)
                    .then()
                    .statusCode(403);
            as(staff)
                    .delete("/api/v1/clinics/{c}/doctors/{id}/", clinic, id)
                    .then()
                    .statusCode(403);
        }
        as(newUser(clinic, "display"))
                .get("/api/v1/clinics/{c}/doctors/", clinic)
                .then()
                .statusCode(403);
        given().get("/api/v1/clinics/{c}/doctors/", clinic).then().statusCode(401);
    }

    @Test
    void anotherClinicsProfileIsInvisible() {
        long a = newClinic();
        long b = newClinic();
        long id = createDoctor(newUser(a, "admin"), newUser(a, "doctor"));
        Account adminOfB = newUser(b, "admin");
        as(adminOfB).get("/api/v1/clinics/{c}/doctors/{id}/", b, id).then().statusCode(404);
        as(adminOfB)
                .body(Map.of("specialization", "X"))
                .patch("/api/v1/clinics/{c}/doctors/{id}/", b, id)
                .then()
                .statusCode(404);
        as(adminOfB).delete("/api/v1/clinics/{c}/doctors/{id}/", b, id).then().statusCode(404);
        as(adminOfB)
                .get("/api/v1/clinics/{c}/doctors/", b)
                .then()
                .statusCode(200)
                .body("data.id", not(hasItem((int) id)));
        as(adminOfB).get("/api/v1/clinics/{c}/doctors/{id}/", a, id).then().statusCode(403);
    }

    @Test
    void deleteDeactivatesAndTheProfileStaysReadable() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        long id = createDoctor(admin, newUser(clinic, "doctor"));
        as(admin).delete("/api/v1/clinics/{c}/doctors/{id}/", clinic, id).then().statusCode(204);
        as(admin)
                .get("/api/v1/clinics/{c}/doctors/{id}/", clinic, id)
                .then()
                .statusCode(200)
                .body("data.is_active", equalTo(false));
        as(admin)
                .get("/api/v1/clinics/{c}/doctors/?is_active=false", clinic)
                .then()
                .body("data.id", hasItem((int) id))
                .body("data.is_active", everyItem(equalTo(false)));
    }

    @Test
    void searchAndOrdering() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        Map<String, Object> body = profile(newUser(clinic, "doctor").id());
        body.put("specialization", "Paediatric_Surgery 100%");
        as(admin).body(body).post("/api/v1/clinics/{c}/doctors/", clinic).then().statusCode(201);
        createDoctor(admin, newUser(clinic, "doctor"));
        as(admin)
                .queryParam("search", "PAEDIATRIC_")
                .get("/api/v1/clinics/{c}/doctors/", clinic)
                .then()
                .body("pagination.count", equalTo(1));
        as(admin)
                .queryParam("search", "100%")
                .get("/api/v1/clinics/{c}/doctors/", clinic)
                .then()
                .body("pagination.count", equalTo(1));
        // % and _ are literal: "Paediatric%" matches nothing, "Paediatric_" matches
        as(admin)
                .queryParam("search", "Paediatric%")
                .get("/api/v1/clinics/{c}/doctors/", clinic)
                .then()
                .body("pagination.count", equalTo(0));
        as(admin)
                .get("/api/v1/clinics/{c}/doctors/?ordering=license_number", clinic)
                .then()
                .statusCode(400)
                .body("errors", hasKey("ordering"));
    }

    @Test
    void orderingByUserNameSortsBothWays() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        // made in neither order, so an unsorted list cannot pass
        for (String[] name : new String[][] {{"Meera", "Iyer"}, {"Zoya", "Khan"}, {"Asha", "Rao"}}) {
            createDoctor(admin, GatewayAccounts.newUser(clinic, "doctor", name[0], name[1]));
        }
        as(admin)
                .get("/api/v1/clinics/{c}/doctors/?ordering=user_name", clinic)
                .then()
                .statusCode(200)
                .body("data.user_name", contains("Asha Rao", "Meera Iyer", "Zoya Khan"));
        as(admin)
                .get("/api/v1/clinics/{c}/doctors/?ordering=-user_name", clinic)
                .then()
                .statusCode(200)
                .body("data.user_name", contains("Zoya Khan", "Meera Iyer", "Asha Rao"));
    }

    @Test
    void invalidFieldsAreNamed() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        Map<String, Object> body = profile(newUser(clinic, "doctor").id());
        body.put("experience_years", 71);
        body.remove("license_number");
        as(admin)
                .body(body)
                .post("/api/v1/clinics/{c}/doctors/", clinic)
                .then()
                .statusCode(400)
                .body("errors", hasKey("experience_years"))
                .body("errors", hasKey("license_number"));
    }

    @Test
    void writesFollowTheUsersCurrentName() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        Account doctor = newUser(clinic, "doctor");
        long id = createDoctor(admin, doctor);
        asSuperuser()
                .body(Map.of("first_name", "Meera", "last_name", "Iyer"))
                .patch("/api/v1/clinics/{c}/users/{id}/", clinic, doctor.id())
                .then()
                .statusCode(200);
        as(admin)
                .body(Map.of("specialization", "Oncology"))
                .patch("/api/v1/clinics/{c}/doctors/{id}/", clinic, id)
                .then()
                .statusCode(200)
                .body("data.user_name", equalTo("Meera Iyer"))
                .body("data.specialization", equalTo("Oncology"))
                .body("data.qualification", equalTo("MBBS, MD"));
    }

    @Test
    void staleIfMatchIsA412() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        long id = createDoctor(admin, newUser(clinic, "doctor"));
        String etag = as(admin)
                .get("/api/v1/clinics/{c}/doctors/{id}/", clinic, id)
                .then()
                .extract()
                .header("ETag");
        as(admin)
                .header("If-Match", etag)
                .body(Map.of("qualification", "MBBS"))
                .patch("/api/v1/clinics/{c}/doctors/{id}/", clinic, id)
                .then()
                .statusCode(200)
                .header("ETag", notNullValue());
        as(admin)
                .header("If-Match", etag)
                .body(Map.of("qualification", "MD"))
                .patch("/api/v1/clinics/{c}/doctors/{id}/", clinic, id)
                .then()
                .statusCode(412);
    }
}
