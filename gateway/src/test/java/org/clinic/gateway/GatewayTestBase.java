package org.clinic.gateway;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** Real logins through the real endpoints; every test makes its own clinic and users. */
public abstract class GatewayTestBase {

    public static final String SUPERUSER = "root-operator";
    public static final String SUPERUSER_PASSWORD = "Operator-Pass-2026";
    public static final String PASSWORD = "Quiet-River-4821";

    public record Account(long id, String username, String password, long clinicId, String role) {}

    protected static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    protected static Response login(String username, String password) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/token/");
    }

    protected static String token(String username, String password) {
        return login(username, password).then().statusCode(200).extract().path("data.access");
    }

    protected static String superuserToken() {
        return token(SUPERUSER, SUPERUSER_PASSWORD);
    }

    protected static RequestSpecification asSuperuser() {
        return given().auth().oauth2(superuserToken()).contentType(ContentType.JSON);
    }

    protected static RequestSpecification as(Account account) {
        return given().auth()
                .oauth2(token(account.username(), account.password()))
                .contentType(ContentType.JSON);
    }

    protected static long newClinic() {
        return newClinic(Map.of());
    }

    /** A new clinic with these fields besides a unique name and a time zone (e.g. rate_limit_per_hour). */
    protected static long newClinic(Map<String, Object> fields) {
        Map<String, Object> body = new java.util.HashMap<>(fields);
        body.put("name", unique("Clinic"));
        body.putIfAbsent("timezone", org.clinic.testing.TestZones.clinicZone());
        return ((Number) asSuperuser()
                        .body(body)
                        .post("/api/v1/clinics/")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("data.id"))
                .longValue();
    }

    protected static Account newUser(long clinicId, String role) {
        String username = unique(role);
        long id = ((Number) asSuperuser()
                        .body(Map.of(
                                "username",
                                username,
                                "password",
                                PASSWORD,
                                "role",
                                role,
                                "first_name",
                                "Test",
                                "last_name",
                                role))
                        .post("/api/v1/clinics/{c}/users/", clinicId)
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("data.id"))
                .longValue();
        return new Account(id, username, PASSWORD, clinicId, role);
    }
}
