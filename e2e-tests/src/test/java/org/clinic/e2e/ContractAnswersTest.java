package org.clinic.e2e;

import static io.restassured.RestAssured.given;
import static org.clinic.e2e.World.as;
import static org.clinic.testing.GatewayAccounts.asSuperuser;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.clinic.testing.GatewayAccounts;
import org.clinic.testing.GatewayAccounts.Account;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Answers API.md §1–§2 promises, found broken by trying the suite as a new user would (issue 23): text with a NUL,
 * a wrong method on a route the gateway serves itself, instants that change between write and read, a refresh
 * with a token that is not one. Everything through the gateway.
 */
class ContractAnswersTest {

    private static final String NUL = "\u0000";
    private static World world;

    @BeforeAll
    static void suite() {
        Suite.start();
        world = World.create();
    }

    private static String base() {
        return "/api/v1/clinics/" + world.clinic() + "/";
    }

    // --- NUL characters: a 400 naming the field, nothing stored -------------------------------------------------

    @Test
    void aNulInAnyTextOfAPatientIsA400NamingTheFieldAndStoresNothing() {
        int before = count(world.receptionist(), "patients/");
        refusedNaming(
                as(world.receptionist())
                        .body(Map.of(
                                "patient_name", "Ravi" + NUL + "Kumar",
                                "date_of_birth", "1980-02-14",
                                "gender", "M",
                                "phone_number", "9876501234"))
                        .post(base() + "patients/"),
                "patient_name");
        refusedNaming(
                as(world.receptionist())
                        .body(Map.of(
                                "patient_name", "Ravi Kumar",
                                "date_of_birth", "1980-02-14",
                                "gender", "M",
                                "phone_number", "9876501234",
                                "emergency_contact_name", NUL))
                        .post(base() + "patients/"),
                "emergency_contact_name");
        assertEquals(before, count(world.receptionist(), "patients/"));

        String address = as(world.receptionist())
                .get(base() + "patients/{p}/", world.patient())
                .then()
                .statusCode(200)
                .extract()
                .path("data.address");
        refusedNaming(
                as(world.receptionist())
                        .body(Map.of("address", "12 MG Road" + NUL))
                        .patch(base() + "patients/{p}/", world.patient()),
                "address");
        as(world.receptionist())
                .get(base() + "patients/{p}/", world.patient())
                .then()
                .body("data.address", equalTo(address));
    }

    @Test
    void aNulInAQueryParameterIsA400NamingTheParameter() {
        refusedNaming(
                as(world.receptionist()).urlEncodingEnabled(false).get(base() + "patients/?search=Ra%00vi"), "search");
        refusedNaming(as(world.admin()).urlEncodingEnabled(false).get(base() + "audit-events/?action=%00"), "action");
        refusedNaming(as(world.doctor()).urlEncodingEnabled(false).get(base() + "visits/?status=%00"), "status");
    }

    /**
     * A header value with a NUL (a client can send one raw): the HTTP decoder refuses the request with a bare 400
     * before any code of ours runs (headers cannot be named in an envelope there), and nothing is stored.
     */
    @Test
    void aNulInAHeaderIsRefusedBeforeAnythingReadsIt() throws Exception {
        int before = count(world.receptionist(), "patients/");
        java.net.URI gateway = java.net.URI.create(Suite.gateway());
        String body = "{\"patient_name\":\"Header Nul\",\"date_of_birth\":\"1980-02-14\",\"gender\":\"M\","
                + "\"phone_number\":\"9876501234\"}";
        try (java.net.Socket socket = new java.net.Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            String request = "POST " + base() + "patients/ HTTP/1.1\r\n"
                    + "Host: localhost\r\n"
                    + "Authorization: Bearer " + world.receptionist().token() + "\r\n"
                    + "Content-Type: application/json\r\n"
                    + "Idempotency-Key: key" + NUL + "1\r\n"
                    + "Content-Length: " + body.length() + "\r\n"
                    + "Connection: close\r\n\r\n" + body;
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        }
        assertEquals(before, count(world.receptionist(), "patients/"));
    }

    @Test
    void aNulInNestedOrClinicalTextIsA400NamingItsPath() {
        int prescriptions = count(world.doctor(), "prescriptions/");
        refusedNaming(
                as(world.doctor())
                        .body(Map.of(
                                "patient",
                                world.patient(),
                                "medicines",
                                List.of(Map.of(
                                        "medicine_name", "Paracetamol",
                                        "dosage", "500" + NUL + " mg",
                                        "frequency", "twice a day",
                                        "duration", "3 days",
                                        "quantity", 6))))
                        .post(base() + "prescriptions/"),
                "medicines[0].dosage");
        assertEquals(prescriptions, count(world.doctor(), "prescriptions/"));

        int reports = count(world.doctor(), "test-reports/");
        refusedNaming(
                as(world.doctor())
                        .body(Map.of("patient", world.patient(), "test_name", "CBC", "result", "4.5" + NUL))
                        .post(base() + "test-reports/"),
                "result");
        assertEquals(reports, count(world.doctor(), "test-reports/"));

        refusedNaming(
                as(world.doctor())
                        .body(Map.of("patient", world.patient(), "chief_complaint", NUL))
                        .post(base() + "consultations/"),
                "chief_complaint");

        long patient = world.newPatient();
        refusedNaming(
                as(world.receptionist())
                        .body(Map.of("purpose", "Fever" + NUL))
                        .post(base() + "patients/{p}/check_in/", patient),
                "purpose");
        as(world.receptionist())
                .queryParam("patient", patient)
                .get(base() + "visits/")
                .then()
                .statusCode(200)
                .body("pagination.count", equalTo(0));

        refusedNaming(
                as(world.admin())
                        .body(Map.of("specialization", "General" + NUL))
                        .patch(base() + "doctors/{d}/", world.doctorId()),
                "specialization");
    }

    @Test
    void aNulInTheGatewaysOwnBodiesIsA400NamingTheField() {
        int users = count(world.admin(), "users/");
        refusedNaming(
                as(world.admin())
                        .body(Map.of(
                                "username",
                                "nul-" + UUID.randomUUID().toString().substring(0, 8),
                                "password",
                                GatewayAccounts.PASSWORD,
                                "role",
                                "receptionist",
                                "first_name",
                                "Asha" + NUL))
                        .post(base() + "users/"),
                "first_name");
        assertEquals(users, count(world.admin(), "users/"));
        refusedNaming(asSuperuser().body(Map.of("name", "Clinic" + NUL)).post("/api/v1/clinics/"), "name");
        refusedNaming(as(world.admin()).body(Map.of("address", NUL)).patch(base()), "address");
        refusedNaming(
                GatewayAccounts.gateway()
                        .body(Map.of("username", "a" + NUL, "password", "x"))
                        .post("/api/v1/auth/token/"),
                "username");
    }

    private static void refusedNaming(Response response, String field) {
        response.then()
                .statusCode(400)
                .contentType(ContentType.JSON)
                .body("success", equalTo(false))
                .body("message", equalTo("Validation error"))
                .body("data", nullValue())
                .body("errors", aMapWithSize(1))
                .body("errors", hasKey(field))
                .body("errors.get('" + field + "')", contains("must not contain the NUL character (\\u0000)"));
    }

    private static int count(Account account, String list) {
        return as(account).get(base() + list).then().statusCode(200).extract().path("pagination.count");
    }

    // --- Wrong method on a route the gateway serves itself: 405 with Allow ---------------------------------------

    @Test
    void aWrongMethodOnTheGatewaysComposedRoutesIs405WithAllow() {
        wrongMethod(world.admin(), "DELETE", base() + "analytics/dashboard/", "GET");
        wrongMethod(world.admin(), "DELETE", base() + "analytics/dashboard", "GET");
        wrongMethod(world.admin(), "POST", base() + "reports/daily/", "GET");
        wrongMethod(world.admin(), "POST", base() + "audit-events/", "GET");
        wrongMethod(world.admin(), "DELETE", base() + "users/", "GET, POST");
        wrongMethod(world.admin(), "DELETE", base() + "users/me/", "GET");
        wrongMethod(world.admin(), "POST", base() + "users/" + world.doctor().id() + "/", "DELETE, GET, PATCH, PUT");
        // and a route of a service, whose resource classes share path prefixes too
        wrongMethod(world.admin(), "DELETE", base() + "doctors/" + world.doctorId() + "/queue/", "GET");
    }

    /**
     * Every path the gateway's own description lists answers every method it does not list with a 405 naming the
     * methods it does: the description is generated from the resources, so no route can be missed.
     */
    @Test
    void everyRouteTheGatewayServesItselfAnswersAWrongMethodWith405() {
        Map<String, Object> paths = given().baseUri(Suite.gateway())
                .get("/q/openapi?format=json")
                .then()
                .statusCode(200)
                .extract()
                .path("paths");
        Set<String> methods = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
        int checked = 0;
        for (Map.Entry<String, Object> entry : paths.entrySet()) {
            String template = entry.getKey();
            if (template.startsWith("/q/") || !template.startsWith("/") || forwarded(template)) {
                continue;
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> operations = (Map<String, Object>) entry.getValue();
            Set<String> allowed = new TreeSet<>();
            for (String key : operations.keySet()) {
                allowed.add(key.toUpperCase(Locale.ROOT));
            }
            allowed.retainAll(methods);
            String path = template.replace("{clinic_id}", String.valueOf(world.clinic()))
                    .replace("{id}", String.valueOf(world.doctor().id()))
                    .replace("{resource}", "patients");
            for (String method : methods) {
                if (!allowed.contains(method)) {
                    wrongMethod(world.admin(), method, path, String.join(", ", allowed));
                    checked++;
                }
            }
        }
        assertTrue(checked >= 30, "only " + checked + " wrong methods were tried: the description lost its routes?");
    }

    /** Paths the gateway forwards to a service (those only describe the services' REST clients here). */
    private static boolean forwarded(String template) {
        return Pattern.matches(
                "^/api/v1/clinics/[^/]+/(patients|doctors|visits|queue-board|consultations|prescriptions|test-reports)"
                        + "(/.*)?$",
                template);
    }

    private static void wrongMethod(Account account, String method, String path, String allow) {
        RequestSpecification request = as(account).redirects().follow(false);
        if (!method.equals("GET") && !method.equals("DELETE")) {
            request = request.body("{}");
        }
        request.request(method, path)
                .then()
                .statusCode(405)
                .contentType(ContentType.JSON)
                .header("Allow", allow)
                .body("success", equalTo(false))
                .body("message", equalTo("Method not allowed."))
                .body("data", nullValue())
                .body("errors", nullValue());
    }

    // --- Instants: the answer to a write is what a read returns ------------------------------------------------

    /** ISO-8601 UTC with at most microseconds, as PostgreSQL keeps them. */
    private static final Pattern INSTANT = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,6})?Z");

    @Test
    void theAnswerToACreateOrUpdateIsExactlyWhatAReadReturns() {
        // many writes: a value PostgreSQL rounded differently from what the answer said shows up within a few
        for (int i = 0; i < 12; i++) {
            Response created = as(world.receptionist())
                    .body(Map.of(
                            "patient_name", "Meera " + i,
                            "date_of_birth", "1990-01-01",
                            "gender", "F",
                            "phone_number", "9876500000"))
                    .post(base() + "patients/");
            String location = base() + "patients/" + created.path("data.id") + "/";
            sameAsRead(created, world.receptionist(), location, "registration_date", "updated_at");
            Response patched =
                    as(world.receptionist()).body(Map.of("city", "Pune")).patch(location);
            sameAsRead(patched, world.receptionist(), location, "registration_date", "updated_at");
        }
        Response visit = as(world.receptionist())
                .body(Map.of("patient", world.newPatient(), "purpose", "Checkup"))
                .post(base() + "visits/");
        String visitPath = base() + "visits/" + visit.path("data.id") + "/";
        sameAsRead(visit, world.receptionist(), visitPath, "check_in_date");
        Response cancelled =
                as(world.receptionist()).body(Map.of("status", "cancelled")).post(visitPath + "transition/");
        sameAsRead(cancelled, world.receptionist(), visitPath, "check_in_date");

        Response report = as(world.doctor())
                .body(Map.of("patient", world.patient(), "test_name", "Lipid panel"))
                .post(base() + "test-reports/");
        sameAsRead(report, world.doctor(), base() + "test-reports/" + report.path("data.id") + "/", "created_at");
        Response consultation = as(world.doctor())
                .body(Map.of("patient", world.patient(), "chief_complaint", "Cough"))
                .post(base() + "consultations/");
        sameAsRead(
                consultation,
                world.doctor(),
                base() + "consultations/" + consultation.path("data.id") + "/",
                "created_at");

        Response doctor = as(world.admin())
                .body(Map.of("specialization", "General medicine"))
                .patch(base() + "doctors/{d}/", world.doctorId());
        sameAsRead(doctor, world.admin(), base() + "doctors/" + world.doctorId() + "/");
        Response prescription = as(world.doctor())
                .body(Map.of(
                        "patient",
                        world.patient(),
                        "medicines",
                        List.of(Map.of(
                                "medicine_name", "Cetirizine",
                                "dosage", "10 mg",
                                "frequency", "once a day",
                                "duration", "5 days",
                                "quantity", 5))))
                .post(base() + "prescriptions/");
        sameAsRead(
                prescription,
                world.doctor(),
                base() + "prescriptions/" + prescription.path("data.id") + "/",
                "created_at");

        Response user = as(world.admin())
                .body(Map.of(
                        "username",
                        "desk-" + UUID.randomUUID().toString().substring(0, 8),
                        "password",
                        GatewayAccounts.PASSWORD,
                        "role",
                        "receptionist",
                        "first_name",
                        "Asha"))
                .post(base() + "users/");
        sameAsRead(user, world.admin(), base() + "users/" + user.path("data.id") + "/", "date_joined");
        Response clinic = asSuperuser()
                .body(Map.of("name", "Instant Clinic " + UUID.randomUUID()))
                .post("/api/v1/clinics/");
        Response clinicRead = asSuperuser()
                .get("/api/v1/clinics/{c}/", (Object) clinic.path("data.id"))
                .then()
                .statusCode(200)
                .extract()
                .response();
        assertThat(clinic.path("data.created_at"), matchesPattern(INSTANT));
        assertEquals(clinicRead.<Object>path("data"), clinic.<Object>path("data"));
    }

    /** The write answered 2xx; its data equals a later GET's, and each named instant has at most 6 digits. */
    private static void sameAsRead(Response written, Account reader, String path, String... instants) {
        assertTrue(written.statusCode() / 100 == 2, () -> "write answered " + written.asString());
        Response read = as(reader).get(path).then().statusCode(200).extract().response();
        for (String field : instants) {
            assertThat(field, written.path("data." + field), matchesPattern(INSTANT));
        }
        Map<String, Object> wrote = written.path("data");
        Map<String, Object> reads = read.path("data");
        // the answer to a write may say more (a check-in's queue_position), never something else
        Map<String, Object> common = new java.util.LinkedHashMap<>(wrote);
        common.keySet().retainAll(reads.keySet());
        assertEquals(reads, common, path);
    }

    // --- Refresh with something that is not a refresh token: 401 whatever its length ---------------------------

    @Test
    void aRefreshWithAnAccessTokenOrAnyLongStringIs401() {
        String access = world.receptionist().token();
        List<String> notRefreshTokens = new ArrayList<>(List.of(access, "x".repeat(129), "x".repeat(100_000), "y"));
        for (String refresh : notRefreshTokens) {
            for (String path :
                    List.of("/api/v1/auth/token/refresh/", "/api/v1/clinics/" + world.clinic() + "/auth/refresh/")) {
                GatewayAccounts.gateway()
                        .body(Map.of("refresh", refresh))
                        .post(path)
                        .then()
                        .statusCode(401)
                        .body("success", equalTo(false))
                        .body("data", nullValue())
                        .body("errors", nullValue())
                        .body("message", not(equalTo("Validation error")));
            }
        }
        // and the same for logout's body: a token that is not one is not a validation error
        as(world.receptionist())
                .body(Map.of("refresh", access))
                .post("/api/v1/auth/logout/")
                .then()
                .statusCode(204);
        // only a body over the limit is a 413
        GatewayAccounts.gateway()
                .body(Map.of("refresh", "z".repeat(1024 * 1024 + 1)))
                .post("/api/v1/auth/token/refresh/")
                .then()
                .statusCode(413)
                .body("success", equalTo(false));
    }
}
