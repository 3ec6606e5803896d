package org.clinic.gateway.contract;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.clinic.gateway.GatewayTestBase;
import org.clinic.testing.ErrorContract;
import org.clinic.testing.PostgresDatabase;

/** API.md §1's answers on the gateway's own real users collection. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class GatewayErrorContractTest extends ErrorContract {

    private final Map<Long, String> adminTokens = new ConcurrentHashMap<>();

    @Override
    protected String collection(long clinic) {
        return "/api/v1/clinics/" + clinic + "/users/";
    }

    @Override
    protected String table() {
        return "app_user";
    }

    @Override
    protected long newClinic() {
        long clinic = Accounts.makeClinic();
        GatewayTestBase.Account admin = Accounts.makeUser(clinic, "admin");
        adminTokens.put(clinic, Accounts.tokenOf(admin.username(), admin.password()));
        return clinic;
    }

    @Override
    protected RequestSpecification as(long clinic) {
        return given().auth().oauth2(adminTokens.get(clinic));
    }

    @Override
    protected Map<String, Object> validBody(long clinic) {
        return Map.of(
                "username",
                "contract-" + UUID.randomUUID().toString().substring(0, 8),
                "password",
                GatewayTestBase.PASSWORD,
                "role",
                "receptionist");
    }

    /** GatewayTestBase's helpers (this class extends the contract instead). */
    private static final class Accounts extends GatewayTestBase {
        static long makeClinic() {
            return GatewayTestBase.newClinic();
        }

        static GatewayTestBase.Account makeUser(long clinic, String role) {
            return GatewayTestBase.newUser(clinic, role);
        }

        static String tokenOf(String username, String password) {
            return GatewayTestBase.token(username, password);
        }
    }
}
