package org.clinic.doctors.visit;

import static io.restassured.RestAssured.given;
import static org.clinic.doctors.TestClinics.as;
import static org.clinic.doctors.TestClinics.newClinicWithStaff;
import static org.clinic.doctors.TestClinics.newPatient;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clinic.doctors.TestClinics.Clinic;
import org.clinic.testing.GatewayProcess;
import org.clinic.testing.PatientsProcess;
import org.clinic.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;

/**
 * Clients that go away mid-request (a closed tab, a phone losing signal, a load balancer's timeout) must not
 * cost the service its database connections: a request cancelled while its transaction is open still ends
 * that transaction (commit or rollback) and gives the connection back. Found by bench/run: wrk closing 16
 * connections in the middle of check-ins left 16 of the 20 pooled connections taken for good.
 */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(GatewayProcess.class)
@QuarkusTestResource(PatientsProcess.class)
class ClientGoneTest {

    private static final Pattern ACTIVE = Pattern.compile("(?m)^sql_pool_active\\{[^}]*\\} ([0-9.]+)$");

    @TestHTTPResource("/")
    URL root;

    @Test
    void checkInsWhoseClientHangsUpLeaveNoConnectionTakenAndNothingHalfWritten() throws Exception {
        Clinic c = newClinicWithStaff();
        int hangUps = 150;
        List<Long> patients = new ArrayList<>();
        for (int i = 0; i < hangUps; i++) {
            patients.add(newPatient(c.receptionist()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < hangUps; i++) {
                long patient = patients.get(i);
                int wait = i % 40; // hang up at different points of the work: before, during and after the transaction
                sent.add(pool.submit(() -> {
                    hangUpAfter(c.receptionist().token(), c.id(), patient, wait);
                    return null;
                }));
            }
            for (Future<?> f : sent) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }

        // the next receptionist is served at once: the hung-up requests finish their work (their transactions and
        // their calls to patients-service and the gateway) instead of leaving them abandoned on pooled connections
        long next = newPatient(c.receptionist());
        io.restassured.response.Response after = as(c.receptionist())
                .body(java.util.Map.of("patient", next, "purpose", "After"))
                .post("/api/v1/clinics/{c}/visits/", c.id());
        assertEquals(201, after.statusCode(), after.asString());

        // every connection comes back to the pool (the cancelled work finishes or rolls back in the background)
        double active = -1;
        for (int i = 0; i < 100 && active != 0; i++) {
            Thread.sleep(100);
            active = activeConnections();
        }
        assertEquals(0, active, "connections still taken from the pool after the clients hung up");

        // the pool serves its full size at once again
        ExecutorService readers = Executors.newFixedThreadPool(40);
        try {
            List<Future<Integer>> reads = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                reads.add(readers.submit(() -> as(c.receptionist())
                        .get("/api/v1/clinics/{c}/visits/?page_size=1", c.id())
                        .statusCode()));
            }
            for (Future<Integer> r : reads) {
                assertEquals(200, r.get());
            }
        } finally {
            readers.shutdownNow();
        }

        // nothing half-written: the visits that exist hold tokens 1..n without a gap
        io.restassured.path.json.JsonPath visits = as(c.receptionist())
                .get("/api/v1/clinics/{c}/visits/?page_size=200", c.id())
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<Integer> tokens = new ArrayList<>(visits.getList("data.token_number", Integer.class));
        tokens.sort(Integer::compare);
        for (int i = 0; i < tokens.size(); i++) {
            assertEquals(i + 1, tokens.get(i), "tokens " + tokens);
        }
        assertTrue(tokens.contains((int) after.path("data.token_number")), "tokens " + tokens);
    }

    /** Sends a check-in over a raw connection and resets it {@code millis} later, before the answer is read. */
    private void hangUpAfter(String token, long clinic, long patient, int millis) throws Exception {
        String body = "{\"patient\":" + patient + ",\"purpose\":\"Hung up\"}";
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(root.getHost(), root.getPort())) {
            socket.setSoLinger(true, 0); // close = RST, as a client that vanishes
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/v1/clinics/" + clinic + "/visits/ HTTP/1.1\r\n" + "Host: localhost\r\n"
                            + "Authorization: Bearer " + token + "\r\n" + "Content-Type: application/json\r\n"
                            + "Content-Length: " + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            Thread.sleep(millis);
        }
    }

    private double activeConnections() {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = ACTIVE.matcher(metrics);
        assertTrue(m.find(), "no sql_pool_active in /q/metrics");
        double total = Double.parseDouble(m.group(1));
        while (m.find()) {
            total += Double.parseDouble(m.group(1));
        }
        return total;
    }
}
