package org.clinic.doctors;

import static io.restassured.RestAssured.given;
import static org.clinic.testing.GatewayAccounts.newUser;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.clinic.testing.ErrorContract;
import org.clinic.testing.GatewayAccounts.Account;
import org.clinic.testing.GatewayProcess;
import org.clinic.testing.PostgresDatabase;

/** API.md §1's answers on the real doctor profiles collection (users from the real gateway). */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(GatewayProcess.class)
class DoctorsErrorContractTest extends ErrorContract {

    private final Map<Long, Account> admins = new ConcurrentHashMap<>();

    @Override
    protected String collection(long clinic) {
        return "/api/v1/clinics/" + clinic + "/doctors/";
    }

    @Override
    protected String table() {
        return "doctor";
    }

    @Override
    protected long newClinic() {
        long clinic = org.clinic.testing.GatewayAccounts.newClinic();
        admins.put(clinic, newUser(clinic, "admin"));
        return clinic;
    }

    @Override
    protected RequestSpecification as(long clinic) {
        return given().auth().oauth2(admins.get(clinic).token());
    }

    @Override
    protected Map<String, Object> validBody(long clinic) {
        return Map.of("user", newUser(clinic, "doctor").id(), "license_number", "L-" + UUID.randomUUID());
    }
}
