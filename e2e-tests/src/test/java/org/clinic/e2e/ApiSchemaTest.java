package org.clinic.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;

import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.clinic.testing.ServiceRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** API.md §6: one document at {@code /api/schema/} naming every route, and Swagger UI over it. */
class ApiSchemaTest {

    @BeforeAll
    static void suite() {
        Suite.start();
    }

    @Test
    void theMergedSchemaHasEveryRouteOfTheContract() throws Exception {
        World world = World.create();
        String body = given().baseUri(Suite.gateway())
                .get("/api/schema/")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        // kept for a reader (and the front-end issue's client generation) to look at
        Files.writeString(ServiceRunner.target().resolve("api-schema.json"), body);
        JsonPath schema = JsonPath.from(body);
        Map<String, Map<String, Object>> paths = schema.getMap("paths");
        Map<String, Set<String>> documented = new HashMap<>();
        paths.forEach((path, operations) -> documented.put(shape(path), operations.keySet()));

        List<String[]> expected = new ArrayList<>(world.routes());
        expected.add(new String[] {"POST", "/api/v1/auth/token/"});
        expected.add(new String[] {"POST", "/api/v1/auth/token/refresh/"});
        expected.add(new String[] {"POST", "/api/v1/auth/logout/"});
        expected.add(new String[] {"POST", "/api/v1/clinics/1/auth/token/"});
        expected.add(new String[] {"POST", "/api/v1/clinics/1/auth/refresh/"});
        expected.add(new String[] {"GET", "/api/v1/clinics/"});
        expected.add(new String[] {"POST", "/api/v1/clinics/"});
        expected.add(new String[] {"GET", "/api/v1/clinics/1/users/me/"});
        expected.add(new String[] {"GET", "/.well-known/jwks.json"});
        expected.add(new String[] {"GET", "/api/schema/"});
        List<String> missing = new ArrayList<>();
        for (String[] route : expected) {
            String shape = shape(route[1].replaceAll("/\\d+(?=/|$)", "/{}"));
            Set<String> methods = documented.get(shape);
            if (methods == null || !methods.contains(route[0].toLowerCase(Locale.ROOT))) {
                missing.add(route[0] + " " + shape);
            }
        }
        assertThat("documented: " + documented.keySet(), missing, is(empty()));
        // the services' internal endpoints are not part of the public API
        assertThat(documented.containsKey(shape("/api/v1/clinics/{}/patients/{}/record-counts/")), is(false));
    }

    /**
     * common's ApiTags table, in its order (API.md's). Repeated here because this module runs the built processes
     * and does not depend on common (pom.xml): a change to the table changes this list too.
     */
    private static final List<String> DOMAIN_TAGS = List.of(
            "Identity and tokens",
            "Clinics and users",
            "Patients",
            "Doctors and queues",
            "Visits",
            "Consultations",
            "Prescriptions",
            "Test reports",
            "Reports and audit",
            "API description",
            "Live updates",
            "Data exports");

    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    @Test
    void operationsAreGroupedByDomainInTheContractsOrderWithSummariesForPeople() {
        String body = given().baseUri(Suite.gateway())
                .get("/api/schema/")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        JsonPath schema = JsonPath.from(body);

        List<Map<String, Object>> tags = schema.getList("tags");
        assertThat(tags.stream().map(tag -> String.valueOf(tag.get("name"))).toList(), is(DOMAIN_TAGS));
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> tag : tags) {
            if (!(tag.get("description") instanceof String description) || description.isBlank()) {
                problems.add("tag without a description: " + tag.get("name"));
            }
        }
        Map<String, Map<String, Object>> paths = schema.getMap("paths");
        paths.forEach((path, item) -> item.forEach((method, value) -> {
            if (HTTP_METHODS.contains(method) && value instanceof Map<?, ?> operation) {
                problems.addAll(namingProblems(method.toUpperCase(Locale.ROOT) + " " + path, operation));
            }
        }));
        assertThat(problems, is(empty()));
    }

    /**
     * One tag of the table, and a summary a person wrote: not the one Quarkus would make from the method name
     * ({@code getJwks} → "Get Jwks"), never naming a Java class.
     */
    private static List<String> namingProblems(String where, Map<?, ?> operation) {
        List<String> problems = new ArrayList<>();
        Object tags = operation.get("tags");
        List<?> names = tags instanceof List<?> list ? list : List.of();
        if (names.stream().anyMatch(name -> String.valueOf(name).endsWith("Resource"))) {
            problems.add(where + ": a class name as tag: " + tags);
        } else if (names.size() != 1 || !DOMAIN_TAGS.contains(names.get(0))) {
            problems.add(where + ": not exactly one tag of the table: " + tags);
        }
        Object summary = operation.get("summary");
        String operationId = String.valueOf(operation.get("operationId"));
        if (!(summary instanceof String text) || text.isBlank()) {
            problems.add(where + ": no summary");
        } else if (text.replace(" ", "").equalsIgnoreCase(operationId)) {
            problems.add(where + ": the generated summary \"" + text + "\"");
        } else if (text.toLowerCase(Locale.ROOT).contains("resource")) {
            problems.add(where + ": a class name in the summary \"" + text + "\"");
        }
        return problems;
    }

    @Test
    void swaggerUiIsServedAndPointsAtTheSchema() {
        given().baseUri(Suite.gateway())
                .redirects()
                .follow(true)
                .get("/api/docs/")
                .then()
                .statusCode(200)
                .body(containsString("swagger-ui-bundle.js"))
                .body(containsString("url: '/api/schema/'"));
    }

    /** A path with its parameters anonymised and its canonical trailing slash. */
    private static String shape(String path) {
        String shape = path.replaceAll("\\{[^}]*}", "{}");
        return shape.startsWith("/api/") && !shape.endsWith("/") ? shape + "/" : shape;
    }
}
