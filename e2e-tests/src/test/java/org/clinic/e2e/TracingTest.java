package org.clinic.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.clinic.e2e.OtlpReceiver.ReceivedSpan;
import org.clinic.testing.ServiceRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Traces across the suite (OpenTelemetry over OTLP to {@link OtlpReceiver}): a check-in through the gateway is one
 * trace, continued from the caller's W3C {@code traceparent}, whose spans cover gateway → patients-service →
 * doctors-service and their database statements; spans carry the clinic and route templates, never raw ids in names,
 * tokens or patient data.
 */
class TracingTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RAW_ID_IN_PATH = Pattern.compile("/[0-9]+(/|$|\\s)");

    @BeforeAll
    static void suite() {
        Suite.start();
    }

    @Test
    void aCheckInIsOneTraceFromTheGatewayThroughDoctorsAndPatientsToTheirDatabases() throws Exception {
        World world = World.create();
        String traceId = HexFormat.of().formatHex(random(16));
        String callerSpan = HexFormat.of().formatHex(random(8));
        String requestId = "trace-test-" + HexFormat.of().formatHex(random(6));

        World.as(world.receptionist())
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .header("X-Request-ID", requestId)
                .body(Map.of("purpose", "Cough", "doctor", world.doctorId()))
                .post("/api/v1/clinics/{c}/patients/{p}/check_in/", world.clinic(), world.newPatient())
                .then()
                .statusCode(201);

        List<ReceivedSpan> trace = awaitTrace(traceId);
        assertEquals(List.of(), Suite.traces().errors(), "what the collector could not take");
        Map<String, List<ReceivedSpan>> byService =
                trace.stream().collect(Collectors.groupingBy(ReceivedSpan::service));
        assertTrue(
                byService.keySet().containsAll(Set.of("gateway", "patients-service", "doctors-service")),
                "services in the trace: " + byService.keySet());

        // one trace: every span hangs off the caller's span or another span of it
        Set<String> ids = trace.stream().map(ReceivedSpan::spanId).collect(Collectors.toSet());
        for (ReceivedSpan span : trace) {
            assertTrue(
                    span.parentSpanId().equals(callerSpan) || ids.contains(span.parentSpanId()), "orphan span " + span);
        }
        ReceivedSpan gatewayServer = only(byService.get("gateway"), "SPAN_KIND_SERVER");
        assertEquals(callerSpan, gatewayServer.parentSpanId(), "the gateway continues the caller's trace");
        assertEquals(
                "POST /api/v1/clinics/{clinic_id}/patients/{id}/check_in/",
                gatewayServer.name(),
                "the gateway's span is named by its route template");
        assertEquals(String.valueOf(world.clinic()), gatewayServer.attributes().get("clinic_id"));

        // the hops: gateway → doctors-service (which answers a check-in: it makes a visit) → patients-service (the
        // visit's patient), each a client span and the next one's server span; nothing calls back
        ReceivedSpan checkIn = only(byService.get("doctors-service"), "SPAN_KIND_SERVER");
        assertTrue(checkIn.name().contains("check_in"), "doctors-service's span: " + checkIn);
        ReceivedSpan patientRead = only(byService.get("patients-service"), "SPAN_KIND_SERVER");
        assertEquals("GET /api/v1/clinics/{clinic_id}/patients/{id}", patientRead.name());
        assertEquals("gateway", parentOf(trace, checkIn).service(), "doctors-service is called by the gateway");
        assertEquals(
                "doctors-service",
                parentOf(trace, patientRead).service(),
                "patients-service is called by doctors-service");
        for (ReceivedSpan server : List.of(checkIn, patientRead)) {
            ReceivedSpan caller = parentOf(trace, server);
            assertEquals(
                    "SPAN_KIND_CLIENT", caller.kind(), server.service() + " is called by a client span: " + caller);
            assertEquals(String.valueOf(world.clinic()), server.attributes().get("clinic_id"), server.toString());
        }

        // the gateway's rate-limit check in Redis
        assertTrue(
                byService.get("gateway").stream()
                        .anyMatch(s -> s.kind().equals("SPAN_KIND_CLIENT")
                                && "redis".equals(s.attributes().get("db.system"))),
                "the gateway has no Redis span: " + byService.get("gateway"));

        // and their database statements
        for (String service : List.of("patients-service", "doctors-service")) {
            assertTrue(
                    byService.get(service).stream().anyMatch(TracingTest::isDatabaseSpan),
                    service + " has no database span: " + byService.get(service));
        }

        // names carry templates, never ids; nothing carries the token or the patient's data
        for (ReceivedSpan span : trace) {
            assertFalse(RAW_ID_IN_PATH.matcher(span.name()).find(), "a raw id in a span name: " + span.name());
            for (String value : span.attributes().values()) {
                assertFalse(value.contains(world.receptionist().token()), "a token in " + span);
                assertFalse(value.contains("Ravi Kumar"), "a patient's name in " + span);
                assertFalse(value.contains("9876501234"), "a patient's phone in " + span);
                assertFalse(value.contains("Cough"), "a visit's purpose in " + span);
            }
        }
    }

    @Test
    void everyLogLineOfARequestCarriesItsTraceIdNextToItsRequestId() throws Exception {
        World world = World.create();
        String traceId = HexFormat.of().formatHex(random(16));
        String requestId = "log-test-" + HexFormat.of().formatHex(random(6));

        World.as(world.receptionist())
                .header("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(random(8)) + "-01")
                .header("X-Request-ID", requestId)
                .body(Map.of("purpose", "Headache", "doctor", world.doctorId()))
                .post("/api/v1/clinics/{c}/patients/{p}/check_in/", world.clinic(), world.newPatient())
                .then()
                .statusCode(201);

        for (ServiceRunner process : List.of(Suite.gatewayProcess(), Suite.patientsProcess(), Suite.doctorsProcess())) {
            List<JsonNode> lines = awaitAccessLine(process.log(), requestId, traceId);
            for (JsonNode line : lines) {
                // a line of this request (it names its request id or its trace id anywhere) carries both, in the MDC
                assertEquals(traceId, line.path("mdc").path("trace_id").asText(), process.log() + ": " + line);
                assertEquals(requestId, line.path("mdc").path("request_id").asText(), process.log() + ": " + line);
            }
            assertTrue(
                    lines.stream().anyMatch(l -> "request completed"
                            .equals(l.path("message").asText())),
                    "no access line in " + process.log());
        }
    }

    /**
     * The JSON lines of one request in a process's log (every line naming its request id or its trace id, wherever
     * on the line), once its access line has been written.
     */
    private static List<JsonNode> awaitAccessLine(Path log, String requestId, String traceId) throws Exception {
        long deadline = System.nanoTime() + 10_000_000_000L;
        List<JsonNode> lines = List.of();
        while (System.nanoTime() < deadline) {
            lines = Files.readAllLines(log).stream()
                    .filter(l -> l.contains(requestId) || l.contains(traceId))
                    .map(TracingTest::json)
                    .toList();
            if (lines.stream()
                    .anyMatch(l -> "request completed".equals(l.path("message").asText())
                            && requestId.equals(l.path("mdc").path("request_id").asText()))) {
                return lines;
            }
            Thread.sleep(100);
        }
        return lines;
    }

    private static JsonNode json(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + line, e);
        }
    }

    private static boolean isDatabaseSpan(ReceivedSpan span) {
        return "SPAN_KIND_CLIENT".equals(span.kind())
                && (span.attributes().containsKey("db.statement")
                        || span.attributes().containsKey("db.query.text"));
    }

    private static ReceivedSpan parentOf(List<ReceivedSpan> trace, ReceivedSpan span) {
        return trace.stream()
                .filter(s -> s.spanId().equals(span.parentSpanId()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(span.service() + "'s span has no parent in the trace: " + span));
    }

    private static ReceivedSpan only(List<ReceivedSpan> spans, String kind) {
        List<ReceivedSpan> matching =
                spans.stream().filter(s -> s.kind().equals(kind)).toList();
        assertEquals(1, matching.size(), kind + " spans: " + spans);
        return matching.get(0);
    }

    /** The trace once its three services' server spans and both databases' spans have arrived (batches are async). */
    private static List<ReceivedSpan> awaitTrace(String traceId) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        List<ReceivedSpan> trace = List.of();
        while (System.nanoTime() < deadline) {
            trace = Suite.traces().trace(traceId);
            Set<String> servers = trace.stream()
                    .filter(s -> s.kind().equals("SPAN_KIND_SERVER"))
                    .map(ReceivedSpan::service)
                    .collect(Collectors.toSet());
            Set<String> databases = trace.stream()
                    .filter(TracingTest::isDatabaseSpan)
                    .map(ReceivedSpan::service)
                    .collect(Collectors.toSet());
            if (servers.containsAll(Set.of("gateway", "patients-service", "doctors-service"))
                    && databases.containsAll(Set.of("patients-service", "doctors-service"))) {
                Thread.sleep(500); // the stragglers of the same batches
                return Suite.traces().trace(traceId);
            }
            Thread.sleep(100);
        }
        return trace;
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return value;
    }
}
