package org.clinic.gateway.apidocs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clinic.common.audit.AuditQuery;
import org.clinic.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;

/**
 * The values the gateway's description offers for a filter or a field are exactly those its code accepts: an
 * OpenAPI {@code enum} is written out in an annotation, apart from the set that validates the request, and a
 * front-end's generated client offers only the documented ones (the audit list's {@code action} once lacked
 * {@code export} and {@code download}, which the list accepts and returns).
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
public class DocumentedValuesTest {

    /** The gateway's own description ({@code /q/openapi}), as JSON. */
    public static JsonPath description() {
        return JsonPath.from(given().get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    @Test
    void theAuditListsFiltersOfferEveryActionAndResourceTypeItAccepts() {
        List<Map<String, Object>> parameters =
                description().getList("paths.'/api/v1/clinics/{clinic_id}/audit-events'.get.parameters");
        assertThat(enumOf(parameters, "action"), equalTo(AuditQuery.ACTIONS));
        assertThat(enumOf(parameters, "resource_type"), equalTo(AuditQuery.RESOURCE_TYPES));
    }

    @SuppressWarnings("unchecked")
    private static Set<String> enumOf(List<Map<String, Object>> parameters, String name) {
        for (Map<String, Object> parameter : parameters) {
            if (name.equals(parameter.get("name"))) {
                return new HashSet<>((List<String>) ((Map<String, Object>) parameter.get("schema")).get("enum"));
            }
        }
        throw new AssertionError("no parameter " + name + " among " + parameters);
    }
}
