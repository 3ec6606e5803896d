package org.clinic.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clinic.testing.GatewayAccounts;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The schema as front-end teams use it (clients/typescript): the live /api/schema/ passes Redocly CLI's
 * recommended rules, openapi-typescript generates types from it, those and the typed example compile with
 * {@code tsc --strict}, and the example, run against this suite, logs in, registers, lists and checks in a patient,
 * raises the visit's priority and calls the doctor's next patient (API.md §8).
 * Only packages from the npm registry are fetched (npm ci, pinned by the lockfile).
 */
class TypeScriptClientTest {

    static final Path CLIENT =
            Path.of("..", "clients", "typescript").toAbsolutePath().normalize();

    private static String schema;

    @BeforeAll
    static void suite() throws Exception {
        Suite.start();
        schema = given().baseUri(Suite.gateway())
                .get("/api/schema/")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Files.createDirectories(CLIENT.resolve("build"));
        Files.writeString(CLIENT.resolve("build/api-schema.json"), schema);
        if (!Files.isDirectory(CLIENT.resolve("node_modules/openapi-typescript"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), 300);
        }
    }

    @Test
    void operationIdsAreUniqueAndReadable() {
        List<String> ids = new ArrayList<>();
        Map<String, Map<String, Map<String, Object>>> paths =
                JsonPath.from(schema).getMap("paths");
        paths.values()
                .forEach(operations -> operations.values().forEach(op -> ids.add((String) op.get("operationId"))));
        Set<String> unique = new HashSet<>(ids);
        assertEquals(ids.size(), unique.size(), "duplicate operation ids: " + ids);
        for (String id : ids) {
            assertTrue(id != null && id.matches("[a-z]+[A-Z][A-Za-z]*|logout"), "not a readable id: " + id);
        }
        assertThat(ids, hasItems("listPatients", "checkInPatient", "createPatient", "obtainToken", "getDoctorQueue"));
    }

    @Test
    void theSchemaLintsAndTheGeneratedClientCompilesAndWorks() throws Exception {
        String lint = run(List.of("npm", "run", "--silent", "lint:schema"), 120);
        assertThat(lint, containsString("Your API description is valid"));
        run(List.of("npm", "run", "--silent", "generate"), 120);
        run(List.of("npm", "run", "--silent", "build"), 180);

        World world = World.create();
        String output = run(
                List.of(
                        "node",
                        "build/js/example.js",
                        Suite.gateway(),
                        world.receptionist().username(),
                        GatewayAccounts.PASSWORD,
                        String.valueOf(world.doctorId())),
                60);
        assertThat(output, containsString("registered P-"));
        assertThat(output, containsString("1 patients; rate limit left: "));
        assertTrue(output.matches("(?s).*checked in P-\\d+: token \\d+.*"), output);
        // the example's patient, raised to emergency, is the head of the doctor's queue (API.md §8)
        assertTrue(
                output.matches("(?s).*raised token (\\d+) to emergency.*called token \\1 \\(emergency\\).*"), output);

        // API.md §9: the admin's typed export of the clinic's patients (the World's and the example's), checked
        String exported = run(
                List.of(
                        "node",
                        "build/js/export.js",
                        Suite.gateway(),
                        world.admin().username(),
                        GatewayAccounts.PASSWORD),
                90);
        assertTrue(
                exported.matches("(?s).*export (\\d+) queued at \\S*/api/v1/clinics/\\d+/exports/\\1/\n"
                        + "patients: 2 of 2 lines, first id \\d+, sha256 ok\n.*"),
                exported);
    }

    private static String run(List<String> command, int seconds) throws IOException, InterruptedException {
        // no telemetry or update checks from Redocly CLI: the network here reaches only the registries
        return Commands.run(
                CLIENT, command, Map.of("REDOCLY_TELEMETRY", "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE", "true"), seconds);
    }
}
