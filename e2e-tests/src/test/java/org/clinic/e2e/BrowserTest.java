package org.clinic.e2e;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.clinic.testing.Created;
import org.clinic.testing.ServiceRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * API.md §6 and §7 in a real browser (Debian's Chromium driven by playwright-core, e2e-tests/browser): Swagger UI at
 * /api/docs/ is authorized with a token and runs "list patients" to a 200 with the clinic's patient (a screenshot is
 * kept in target/browser/); a page served from the allowed origin reads the answer and its RateLimit-Remaining and
 * X-Request-ID headers with fetch; the same page from another origin is blocked by the browser.
 */
class BrowserTest {

    static final Path BROWSER = Path.of("browser").toAbsolutePath();
    private static HttpServer pages;

    @BeforeAll
    static void start() throws Exception {
        Suite.start();
        assertTrue(
                Files.isExecutable(Path.of("/usr/bin/chromium")),
                "Debian's chromium is needed (bin/test installs it: apt-get install chromium)");
        if (!Files.isDirectory(BROWSER.resolve("node_modules/playwright-core"))) {
            run(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), Map.of(), 300);
        }
        byte[] page = Files.readAllBytes(BROWSER.resolve("cors.html"));
        // every interface: http://localhost:<port> (allowed) and http://127.0.0.1:<port> (not) are the same server
        pages = HttpServer.create(new InetSocketAddress(Suite.pagePort()), 0);
        pages.createContext("/cors.html", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        pages.start();
    }

    @AfterAll
    static void stop() {
        if (pages != null) {
            pages.stop(0);
        }
    }

    @Test
    void swaggerUiRunsListPatientsAndAFrontEndOriginReadsTheHeadersAndChangesAVisitWhileAnotherIsBlocked()
            throws Exception {
        World world = World.create();
        Path screenshot = ServiceRunner.target().resolve("browser").resolve("swagger-ui.png");
        Files.createDirectories(screenshot.getParent());
        Files.deleteIfExists(screenshot);
        Map<String, String> env = new HashMap<>();
        env.put("GATEWAY", Suite.gateway());
        env.put("TOKEN", world.receptionist().token());
        env.put("CLINIC", String.valueOf(world.clinic()));
        env.put("PATIENT_NAME", "Ravi Kumar");
        env.put("ALLOWED_PAGE", Suite.allowedOrigin() + "/cors.html");
        env.put("BLOCKED_PAGE", "http://127.0.0.1:" + Suite.pagePort() + "/cors.html");
        env.put("SCREENSHOT", screenshot.toString());
        // a waiting visit of another clinic's desk (this clinic's patient list must stay as it is)
        World desk = World.create();
        long waiting = Created.id(World.as(desk.receptionist())
                .body(Map.of("patient", desk.newPatient(), "doctor", desk.doctorId()))
                .post("/api/v1/clinics/{c}/visits/", desk.clinic()));
        env.put("VISIT_URL", Suite.gateway() + "/api/v1/clinics/" + desk.clinic() + "/visits/" + waiting + "/");
        env.put("VISIT_TOKEN", desk.receptionist().token());
        String output = run(List.of("node", "browser.mjs"), env, 180);

        Map<String, JsonPath> checks = new HashMap<>();
        for (String line : output.split("\n")) {
            if (line.startsWith("{")) {
                JsonPath check = JsonPath.from(line);
                checks.put(check.getString("check"), check);
            }
        }
        JsonPath swagger = checks.get("swagger");
        assertThat(output, swagger, notNullValue());
        assertEquals("200", swagger.getString("status"), output);
        assertThat(output, swagger.getBoolean("sawPatient"), is(true));
        assertTrue(Files.size(screenshot) > 10_000, "a screenshot of Swagger UI in " + screenshot);

        JsonPath allowed = checks.get("allowed");
        assertThat(output, allowed, notNullValue());
        assertEquals(200, allowed.getInt("status"), output);
        assertEquals(1, allowed.getInt("count"), output);
        assertEquals("browser-cors-check", allowed.getString("requestId"), output);
        assertThat(output, allowed.getString("rateLimitRemaining"), matchesPattern("\\d+"));

        // API.md §7 for §8's change: the preflight allows PATCH with If-Match, and the new ETag is readable
        JsonPath change = checks.get("change");
        assertThat(output, change, notNullValue());
        assertEquals(200, change.getInt("status"), output);
        assertEquals("urgent", change.getString("priority"), output);
        assertThat(output, change.getString("etagBefore"), matchesPattern("\"\\d+\""));
        assertThat(output, change.getString("etagAfter"), matchesPattern("\"\\d+\""));
        assertThat(output, change.getString("etagAfter"), not(equalTo(change.getString("etagBefore"))));

        JsonPath blocked = checks.get("blocked");
        assertThat(output, blocked, notNullValue());
        assertThat(output, blocked.getString("blockedWith"), containsString("Failed to fetch"));
    }

    private static String run(List<String> command, Map<String, String> env, int seconds)
            throws IOException, InterruptedException {
        return Commands.run(BROWSER, command, env, seconds);
    }
}
