package org.clinic.testing;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/**
 * Clinics, users and real tokens made through a running gateway, for the tests of the services: every test makes
 * its own clinic and users. The static methods use the run's {@link GatewayProcess}; {@link #on(String)} another
 * gateway a test runs itself (never by swapping the run's, which would leak into later tests if one failed).
 */
public final class GatewayAccounts {

    public static final String PASSWORD = "Quiet-River-4821";

    /** A user of the gateway and a fresh access token of theirs. */
    public record Account(long id, String username, long clinicId, String role, String token) {}

    private final String url;

    private GatewayAccounts(String url) {
        this.url = url;
    }

    /** The same helpers, through the gateway at {@code url}. */
    public static GatewayAccounts on(String url) {
        return new GatewayAccounts(url);
    }

    private static GatewayAccounts run() {
        return on(GatewayProcess.url());
    }

    public static RequestSpecification gateway() {
        return run().request();
    }

    public static String login(String username, String password) {
        return run().loginAs(username, password);
    }

    public static String superuserToken() {
        return run().superuser();
    }

    public static RequestSpecification asSuperuser() {
        return run().superuserRequest();
    }

    /** A clinic in a zone where its local day cannot roll during a test ({@link TestZones#clinicZone()}). */
    public static long newClinic() {
        return run().clinic(TestZones.clinicZone());
    }

    /** A clinic in this IANA zone. */
    public static long newClinic(String zone) {
        return run().clinic(zone);
    }

    /** A user named "Test {role}" (first and last name), logged in. */
    public static Account newUser(long clinicId, String role) {
        return run().user(clinicId, role, "Test", role);
    }

    /** A user with this first and last name, logged in. */
    public static Account newUser(long clinicId, String role, String firstName, String lastName) {
        return run().user(clinicId, role, firstName, lastName);
    }

    public RequestSpecification request() {
        return given().baseUri(url).contentType(ContentType.JSON);
    }

    public String loginAs(String username, String password) {
        return request()
                .body(Map.of("username", username, "password", password))
                .post("/api/v1/auth/token/")
                .then()
                .statusCode(200)
                .extract()
                .path("data.access");
    }

    public String superuser() {
        return loginAs(GatewayProcess.SUPERUSER, GatewayProcess.SUPERUSER_PASSWORD);
    }

    public RequestSpecification superuserRequest() {
        return request().auth().oauth2(superuser());
    }

    /** A clinic in a zone where its local day cannot roll during a test. */
    public long clinic() {
        return clinic(TestZones.clinicZone());
    }

    public long clinic(String zone) {
        return clinic(Map.of("timezone", zone));
    }

    /** A clinic with these fields besides a unique name (and a zone where its day cannot roll, unless named). */
    public long clinic(Map<String, Object> fields) {
        Map<String, Object> body = new java.util.HashMap<>(fields);
        body.putIfAbsent("name", "Clinic " + UUID.randomUUID());
        body.putIfAbsent("timezone", TestZones.clinicZone());
        return ((Number) superuserRequest()
                        .body(body)
                        .post("/api/v1/clinics/")
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("data.id"))
                .longValue();
    }

    public Account user(long clinicId, String role) {
        return user(clinicId, role, "Test", role);
    }

    public Account user(long clinicId, String role, String firstName, String lastName) {
        String username = role + "-" + UUID.randomUUID().toString().substring(0, 8);
        long id = createUser(clinicId, username, role, firstName, lastName);
        return new Account(id, username, clinicId, role, loginAs(username, PASSWORD));
    }

    /** Creates the user (password {@link #PASSWORD}) without logging in; returns its id. */
    public long createUser(long clinicId, String username, String role, String firstName, String lastName) {
        return ((Number) superuserRequest()
                        .body(Map.of(
                                "username",
                                username,
                                "password",
                                PASSWORD,
                                "role",
                                role,
                                "first_name",
                                firstName,
                                "last_name",
                                lastName))
                        .post("/api/v1/clinics/{c}/users/", clinicId)
                        .then()
                        .statusCode(201)
                        .extract()
                        .path("data.id"))
                .longValue();
    }
}
