package org.clinic.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/**
 * Clinics, users and real tokens made through the running {@link GatewayProcess}, for the tests
 * of the services: every test makes its own clinic and users.
 */
public final class GatewayAccounts {

    public static final String PASSWORD = "Quiet-River-4821";

    /** A user of the gateway and a fresh access token of theirs. */
    public record Account(long id, String username, long clinicId, String role, String token) {}

    private GatewayAccounts() {}

    public static RequestSpecification gateway() {
        return given().baseUri(GatewayProcess.url()).contentType(ContentType.JSON);
    }

    public static String login(String username, String password) {
        return gateway()
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/token/")
                .then()
                .statusCode(200)
                .extract()
                .path("data.access");
    }

    public static String superuserToken() {
        return login(GatewayProcess.SUPERUSER, GatewayProcess.SUPERUSER_PASSWORD);
    }

    public static RequestSpecification asSuperuser() {
        return gateway().auth().oauth2(superuserToken());
    }

    public static long newClinic() {
        return ((Number) asSuperuser()
                        .body(Map.of("name", "Clinic " + UUID.randomUUID(), "timezone", "Asia/Kolkata"))
                        .post("/api/v1/clinics/")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("data.id"))
                .longValue();
    }

    /** A user named "Test {role}" (first and last name), logged in. */
    public static Account newUser(long clinicId, String role) {
        String username = role + "-" + UUID.randomUUID().toString().substring(0, 8);
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
        return new Account(id, username, clinicId, role, login(username, PASSWORD));
    }
}
