package org.clinic.gateway.clinic;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.clinic.gateway.GatewayTestBase;
import org.clinic.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class ClinicEndpointsTest extends GatewayTestBase {

    @Test
    void superuserCreatesAClinicWithDefaults() {
        String suffix = java.util.UUID.randomUUID().toString().substring(0, 8);
        String name = "Sunrise  Clinic & Café " + suffix;
        asSuperuser()
                .body(Map.of("name", name, "email", "desk@sunrise.example", "is_active", true))
                .post("/api/v1/clinics/")
                .then()
                .statusCode(201)
                .header("Location", matchesPattern("/api/v1/clinics/\\d+/"))
                .body("message", equalTo("Clinic created successfully"))
                // lower case, runs of anything else one hyphen, accents dropped (written out, not recomputed)
                .body("data.slug", equalTo("sunrise-clinic-cafe-" + suffix))
                .body("data.timezone", equalTo("UTC"))
                .body("data.is_active", equalTo(true))
                .body("data.rate_limit_per_hour", nullValue())
                .body("data.created_at", notNullValue());
    }

    @Test
    void superuserListsClinicsWithPagination() {
        newClinic();
        newClinic();
        asSuperuser()
                .get("/api/v1/clinics/?page_size=1")
                .then()
                .statusCode(200)
                .body("data.size()", equalTo(1))
                .body("pagination.count", greaterThanOrEqualTo(2))
                .body("pagination.next", notNullValue());
    }

    @Test
    void onlyASuperuserListsOrCreatesClinics() {
        Account admin = newUser(newClinic(), "admin");
        as(admin).get("/api/v1/clinics/").then().statusCode(403);
        as(admin).body(Map.of("name", "Mine")).post("/api/v1/clinics/").then().statusCode(403);
        given().get("/api/v1/clinics/").then().statusCode(401);
    }

    @Test
    void duplicateSlugIsAConflict() {
        String slug = unique("dup").toLowerCase();
        asSuperuser()
                .body(Map.of("name", "One", "slug", slug))
                .post("/api/v1/clinics/")
                .then()
                .statusCode(201);
        asSuperuser()
                .body(Map.of("name", "Two", "slug", slug))
                .post("/api/v1/clinics/")
                .then()
                .statusCode(409);
    }

    @Test
    void invalidFieldsAreNamed() {
        asSuperuser()
                .body(Map.of("name", "", "timezone", "Mars/Olympus", "phone_number", "12ab", "email", "nope"))
                .post("/api/v1/clinics/")
                .then()
                .statusCode(400)
                .body("errors", hasKey("name"))
                .body("errors", hasKey("timezone"))
                .body("errors", hasKey("phone_number"))
                .body("errors", hasKey("email"));
    }

    @Test
    void everyClinicUserReadsOwnClinicButNoOther() {
        long a = newClinic();
        long b = newClinic();
        Account receptionist = newUser(a, "receptionist");
        as(receptionist)
                .get("/api/v1/clinics/{c}/", a)
                .then()
                .statusCode(200)
                .body("data.id", equalTo((int) a))
                .header("ETag", notNullValue());
        as(receptionist).get("/api/v1/clinics/{c}/", b).then().statusCode(403);
    }

    @Test
    void adminUpdatesOwnClinicButNotPlatformFieldsNorAnotherClinic() {
        long a = newClinic();
        long b = newClinic();
        Account admin = newUser(a, "admin");
        as(admin)
                .body(Map.of("city", "Nashik", "is_active", false, "rate_limit_per_hour", 7))
                .patch("/api/v1/clinics/{c}/", a)
                .then()
                .statusCode(200)
                .body("data.city", equalTo("Nashik"))
                .body("data.is_active", equalTo(true))
                .body("data.rate_limit_per_hour", nullValue());
        as(admin)
                .body(Map.of("city", "Nashik"))
                .patch("/api/v1/clinics/{c}/", b)
                .then()
                .statusCode(403);
    }

    @Test
    void superuserSetsRateLimitOverride() {
        long a = newClinic();
        asSuperuser()
                .body(Map.of("rate_limit_per_hour", 1200))
                .patch("/api/v1/clinics/{c}/", a)
                .then()
                .statusCode(200)
                .body("data.rate_limit_per_hour", equalTo(1200));
    }

    @Test
    void receptionistCannotUpdateTheClinic() {
        long a = newClinic();
        as(newUser(a, "receptionist"))
                .body(Map.of("city", "X"))
                .patch("/api/v1/clinics/{c}/", a)
                .then()
                .statusCode(403);
    }

    @Test
    void putReplacesAndRequiresName() {
        long a = newClinic();
        Account admin = newUser(a, "admin");
        as(admin)
                .body(Map.of("city", "Goa"))
                .put("/api/v1/clinics/{c}/", a)
                .then()
                .statusCode(400)
                .body("errors", hasKey("name"));
        as(admin)
                .body(Map.of("name", "Renamed", "city", "Goa"))
                .put("/api/v1/clinics/{c}/", a)
                .then()
                .statusCode(200)
                .body("data.name", equalTo("Renamed"))
                .body("data.timezone", equalTo("UTC"));
    }

    @Test
    void staleIfMatchIsA412AndChangesNothing() {
        long a = newClinic();
        Account admin = newUser(a, "admin");
        String etag = as(admin).get("/api/v1/clinics/{c}/", a).then().extract().header("ETag");
        String newer = as(admin)
                .header("If-Match", etag)
                .body(Map.of("city", "Agra"))
                .patch("/api/v1/clinics/{c}/", a)
                .then()
                .statusCode(200)
                .header("ETag", not(equalTo(etag)))
                .extract()
                .header("ETag");
        as(admin)
                .header("If-Match", etag)
                .body(Map.of("city", "Delhi"))
                .patch("/api/v1/clinics/{c}/", a)
                .then()
                .statusCode(412)
                .body("success", equalTo(false));
        as(admin)
                .get("/api/v1/clinics/{c}/", a)
                .then()
                .body("data.city", equalTo("Agra"))
                .header("ETag", equalTo(newer));
    }

    @Test
    void patchKeepsFieldsNotGiven() {
        long a = newClinic();
        asSuperuser()
                .body(Map.of("email", "a@b.example"))
                .patch("/api/v1/clinics/{c}/", a)
                .then()
                .statusCode(200);
        asSuperuser()
                .body(Map.of("city", "Surat"))
                .patch("/api/v1/clinics/{c}/", a)
                .then()
                .statusCode(200)
                .body("data.email", equalTo("a@b.example"))
                .body("data.city", equalTo("Surat"));
    }

    @Test
    void unknownClinicIsNotFoundForTheSuperuser() {
        asSuperuser().get("/api/v1/clinics/{c}/", 987_654_321_000L).then().statusCode(404);
    }

    @Test
    void clientCannotSetIdOrCreatedAt() {
        asSuperuser()
                .body(Map.of("name", "Sneaky", "id", 1, "created_at", "2000-01-01T00:00:00Z"))
                .post("/api/v1/clinics/")
                .then()
                .statusCode(201)
                .body("data.id", not(equalTo(1)))
                .body("data.created_at", not(equalTo("2000-01-01T00:00:00Z")));
    }
}
