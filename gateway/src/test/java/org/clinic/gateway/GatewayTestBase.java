package org.clinic.gateway;

import static io.restassured.RestAssured.given;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.clinic.testing.GatewayAccounts;
import org.clinic.testing.GatewayProcess;

/** Real logins through the real endpoints; every test makes its own clinic and users. */
public abstract class GatewayTestBase {

    public static final String SUPERUSER = GatewayProcess.SUPERUSER;
    public static final String SUPERUSER_PASSWORD = GatewayProcess.SUPERUSER_PASSWORD;
    public static final String PASSWORD = GatewayAccounts.PASSWORD;

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

    /** The clinics and users of this test's gateway, made as every other module's tests make them. */
    protected static GatewayAccounts accounts() {
        return GatewayAccounts.on(RestAssured.baseURI + ":" + RestAssured.port);
    }

    protected static long newClinic() {
        return newClinic(Map.of());
    }

    /** A new clinic with these fields besides a unique name and a time zone (e.g. rate_limit_per_hour). */
    protected static long newClinic(Map<String, Object> fields) {
        return accounts().clinic(fields);
    }

    protected static Account newUser(long clinicId, String role) {
        String username = unique(role);
        long id = accounts().createUser(clinicId, username, role, "Test", role);
        return new Account(id, username, PASSWORD, clinicId, role);
    }
}
