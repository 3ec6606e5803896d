package org.clinic.e2e;

import static io.restassured.RestAssured.given;
import static org.clinic.e2e.World.as;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clinic.testing.GatewayAccounts.Account;
import org.clinic.testing.ServiceRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reception desks whose connection drops in the middle of a check-in (a closed tab, a phone losing signal, a load
 * balancer's timeout), through the whole chain a check-in takes: gateway → doctors-service (which asks
 * patients-service for the patient and the gateway for the clinic's time zone). The gateway resets its forwarded
 * request when its client goes, and each service then sees its own client go; the work must still run to its end in every process (docs/decisions.md
 * §17). Found by bench/run: after wrk hung up mid-check-in, check-ins through the gateway stayed 503 with 16 of
 * doctors-service's 20 database connections taken, and patients-service logged "Live transaction detected while
 * closing the connection".
 */
class ClientGoneTest {

    private static final Pattern ACTIVE = Pattern.compile("(?m)^sql_pool_active\\{[^}]*\\} (\\S+)$");
    private static final Pattern WAITING = Pattern.compile("(?m)^gateway_proxy_waiting\\{[^}]*\\} (\\S+)$");
    private static final Pattern IN_FLIGHT = Pattern.compile("(?m)^gateway_clinic_in_flight(?:\\{[^}]*\\})? (\\S+)$");
    private static final int HANG_UPS = 100;

    @BeforeAll
    static void suite() {
        Suite.start();
    }

    @Test
    void checkInsThroughTheGatewayWhoseClientsHangUpLeaveEveryProcessServingAndNothingHalfWritten() throws Exception {
        World world = World.create(); // a clinic with staff, a doctor's profile and one checked-in patient
        long clinic = world.clinic();
        Account receptionist = world.receptionist();
        long doctorId = world.doctorId();
        List<Long> patients = new ArrayList<>();
        for (int i = 0; i < HANG_UPS + 1; i++) {
            patients.add(world.newPatient());
        }
        Map<ServiceRunner, Long> logsBefore = new HashMap<>();
        for (ServiceRunner process : Suite.processes()) {
            logsBefore.put(process, process.log().toFile().length());
        }

        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < HANG_UPS; i++) {
                long patient = patients.get(i);
                int wait = i % 40; // hang up before, while and after the services do their work
                sent.add(pool.submit(() -> {
                    hangUpAfter(receptionist.token(), clinic, patient, doctorId, wait);
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        // the next patient at the desk is checked in at once, with nothing abandoned in any process's pools
        Response after = as(receptionist)
                .body(Map.of("purpose", "After", "doctor", doctorId))
                .post("/api/v1/clinics/{c}/patients/{p}/check_in/", clinic, patients.get(HANG_UPS));
        assertEquals(201, after.statusCode(), after.asString());

        // every process gives its database connections back (the hung-up work ends in the background), and the
        // gateway waits on no forwarded request: one whose client had gone before its body was sent used to hold a
        // pooled connection to the service until the 30 s idle timeout, and enough of them took the whole pool
        for (ServiceRunner process : Suite.processes()) {
            assertDrainsToZero(process.url(), ACTIVE, "database connections still taken");
        }
        assertDrainsToZero(Suite.gateway(), WAITING, "forwarded requests still waiting for a service");
        // and every hung-up request gave its clinic's place back (issue 26's bulkhead): none counted for ever
        assertDrainsToZero(Suite.gateway(), IN_FLIGHT, "requests of the clinic still counted in progress");

        // nothing half-written: tokens 1..n without a gap, one visit per patient at most, each visit's patient real
        JsonPath visits = as(receptionist)
                .get("/api/v1/clinics/{c}/visits/?page_size=200", clinic)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Integer> tokens = new ArrayList<>(visits.getList("data.token_number", Integer.class));
        tokens.sort(Integer::compare);
        for (int i = 0; i < tokens.size(); i++) {
            assertEquals(i + 1, tokens.get(i), "tokens " + tokens);
        }
        Set<Long> checkedIn = new HashSet<>();
        for (Number patient : visits.getList("data.patient", Number.class)) {
            assertTrue(
                    patients.contains(patient.longValue()) || patient.longValue() == world.patient(),
                    "visit of an unknown patient " + patient);
            assertTrue(checkedIn.add(patient.longValue()), "two visits for patient " + patient);
        }
        assertTrue(checkedIn.contains(patients.get(HANG_UPS)));

        // and no process closed a transaction that was still open
        for (ServiceRunner process : Suite.processes()) {
            String logged = logSince(process, logsBefore.get(process));
            assertFalse(
                    logged.contains("Live transaction detected"),
                    process.url() + " cut a transaction short: "
                            + logged.lines()
                                    .filter(l -> l.contains("Live transaction"))
                                    .findFirst()
                                    .orElse(""));
        }
    }

    /** Sends a check-in to the gateway over a raw connection and resets it {@code millis} later, unread. */
    private static void hangUpAfter(String token, long clinic, long patient, long doctor, int millis) throws Exception {
        URI gateway = URI.create(Suite.gateway());
        byte[] body = ("{\"purpose\":\"Hung up\",\"doctor\":" + doctor + "}").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoLinger(true, 0); // close = RST, as a client that vanishes
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/clinics/" + clinic + "/patients/" + patient + "/check_in/ HTTP/1.1\r\n"
                            + "Host: localhost\r\n" + "Authorization: Bearer " + token + "\r\n"
                            + "Content-Type: application/json\r\n" + "Content-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            Thread.sleep(millis);
        }
    }

    /** Within 10 s (a third of the idle timeout), the sum of a gauge's series at {@code base} is 0. */
    private static void assertDrainsToZero(String base, Pattern gauge, String what) throws InterruptedException {
        double value = -1;
        for (int i = 0; i < 100 && value != 0; i++) {
            value = sum(base, gauge);
            if (value != 0) {
                Thread.sleep(100);
            }
        }
        assertEquals(0, value, what + " at " + base);
    }

    private static double sum(String base, Pattern gauge) {
        String metrics = given().baseUri(base)
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        Matcher m = gauge.matcher(metrics);
        assertTrue(
                m.find(),
                "no " + gauge + " in " + base + "/q/metrics: "
                        + metrics.lines()
                                .filter(l -> l.contains("gateway_proxy"))
                                .toList());
        double total = Double.parseDouble(m.group(1));
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }

    private static String logSince(ServiceRunner process, long offset) throws Exception {
        try (RandomAccessFile file = new RandomAccessFile(process.log().toFile(), "r")) {
            file.seek(offset);
            byte[] rest = new byte[(int) (file.length() - offset)];
            file.readFully(rest);
            return new String(rest, StandardCharsets.UTF_8);
        }
    }
}
