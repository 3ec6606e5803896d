package org.clinic.e2e;

import static org.clinic.testing.GatewayAccounts.asSuperuser;
import static org.clinic.testing.GatewayAccounts.newUser;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clinic.testing.Created;
import org.clinic.testing.GatewayAccounts;
import org.clinic.testing.GatewayAccounts.Account;
import org.clinic.testing.ServiceRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dashboard and the daily report on a known day, for a clinic at UTC+14 (Kiritimati), with
 * records placed just after its local midnight, just before the next, and just past it: made
 * through the API, then moved in time in the services' databases.
 */
class ReportsTest {

    private static final ZoneId ZONE = ZoneId.of("Pacific/Kiritimati");
    /** A day a month back: never today, whatever day the tests run on (a fixed date would be today once). */
    private static final LocalDate DAY = LocalDate.now(ZONE).minusDays(30);

    private static final java.util.concurrent.atomic.AtomicInteger PHONES =
            new java.util.concurrent.atomic.AtomicInteger();

    private static long clinic;
    private static String slug;
    private static Account admin;
    private static long asha;
    private static long evil;

    @BeforeAll
    static void knownDay() throws Exception {
        Suite.start();
        // "today" in Kiritimati must not roll while this class runs (well under three minutes)
        org.clinic.testing.TestZones.outsideMidnight(ZONE, java.time.Duration.ofMinutes(3));
        slug = "kiritimati-" + UUID.randomUUID().toString().substring(0, 8);
        clinic = Created.id(asSuperuser()
                .body(Map.of("name", "Line Islands Clinic", "slug", slug, "timezone", ZONE.getId()))
                .post("/api/v1/clinics/"));
        admin = newUser(clinic, "admin");
        Account reception = newUser(clinic, "receptionist");
        Account doctorAsha = doctorUser("Asha", "Rao");
        Account doctorEvil = doctorUser("=HYPERLINK(1)", "Evil");
        asha = profile(doctorAsha);
        evil = profile(doctorEvil);

        long p1 = patient(reception, "One");
        long p2 = patient(reception, "Two");
        long p3 = patient(reception, "Three");
        long v1 = checkIn(reception, p1, asha);
        long v2 = checkIn(reception, p2, evil);
        long v3 = checkIn(reception, p3, null);
        long c1 = Created.id(World.as(doctorAsha)
                .body(Map.of("patient", p1, "visit", v1, "chief_complaint", "Cough"))
                .post("/api/v1/clinics/{c}/consultations/", clinic));
        World.as(doctorAsha)
                .body(Map.of("status", "completed"))
                .post("/api/v1/clinics/{c}/visits/{v}/transition/", clinic, v1)
                .then()
                .statusCode(200);
        World.as(reception)
                .body(Map.of("status", "cancelled"))
                .post("/api/v1/clinics/{c}/visits/{v}/transition/", clinic, v2)
                .then()
                .statusCode(200);
        World.as(reception)
                .body(Map.of("status", "no_show"))
                .post("/api/v1/clinics/{c}/visits/{v}/transition/", clinic, v3)
                .then()
                .statusCode(200);
        long pr1 = Created.id(World.as(doctorAsha)
                .body(Map.of(
                        "patient",
                        p1,
                        "medicines",
                        List.of(Map.of(
                                "medicine_name", "Honey",
                                "dosage", "5 ml",
                                "frequency", "thrice",
                                "duration", "3 days",
                                "route", "oral",
                                "quantity", 1,
                                "refills_allowed", 0))))
                .post("/api/v1/clinics/{c}/prescriptions/", clinic));
        long c2 = Created.id(World.as(doctorEvil)
                .body(Map.of("patient", p2, "chief_complaint", "Next day"))
                .post("/api/v1/clinics/{c}/consultations/", clinic));
        // a fourth patient waits now, in Asha's queue (current figures)
        checkIn(reception, patient(reception, "Four"), asha);

        Instant justAfterMidnight = at(DAY, LocalTime.of(0, 0, 30));
        Instant justBeforeMidnight = at(DAY, LocalTime.of(23, 59, 30));
        Instant nextDay = at(DAY.plusDays(1), LocalTime.of(0, 0, 10));
        move(Suite.patientsProcess(), "UPDATE patient SET registration_date = ? WHERE id = ?", justAfterMidnight, p1);
        move(Suite.patientsProcess(), "UPDATE patient SET registration_date = ? WHERE id = ?", justBeforeMidnight, p2);
        move(Suite.patientsProcess(), "UPDATE patient SET registration_date = ? WHERE id = ?", nextDay, p3);
        for (long visit : new long[] {v1, v2, v3}) {
            try (Connection db = Suite.doctorsProcess().connect();
                    PreparedStatement sql =
                            db.prepareStatement("UPDATE visit SET visit_day = ?, check_in_date = ? WHERE id = ?")) {
                sql.setObject(1, DAY);
                sql.setTimestamp(2, Timestamp.from(justAfterMidnight));
                sql.setLong(3, visit);
                assertThat(sql.executeUpdate(), is(1));
            }
        }
        // Asha's visit waited 12 minutes and was seen for 7.5 (API.md §8's dashboard medians)
        move(
                Suite.doctorsProcess(),
                "UPDATE visit SET started_at = ? WHERE id = ?",
                justAfterMidnight.plusSeconds(12 * 60),
                v1);
        move(
                Suite.doctorsProcess(),
                "UPDATE visit SET completed_at = ? WHERE id = ?",
                justAfterMidnight.plusSeconds(12 * 60 + 450),
                v1);
        move(
                Suite.consultationsProcess(),
                "UPDATE consultation SET created_at = ? WHERE id = ?",
                justBeforeMidnight,
                c1);
        move(
                Suite.consultationsProcess(),
                "UPDATE prescription SET created_at = ? WHERE id = ?",
                justBeforeMidnight,
                pr1);
        move(Suite.consultationsProcess(), "UPDATE consultation SET created_at = ? WHERE id = ?", nextDay, c2);
    }

    @Test
    void theDailyReportCountsTheClinicsLocalDay() {
        World.as(admin)
                .get("/api/v1/clinics/{c}/reports/daily/?date=" + DAY, clinic)
                .then()
                .statusCode(200)
                .body("data.date", equalTo(DAY.toString()))
                .body("data.patients_registered", equalTo(2))
                .body("data.visits.total", equalTo(3))
                .body("data.visits.completed", equalTo(1))
                .body("data.visits.cancelled", equalTo(1))
                .body("data.visits.no_show", equalTo(1))
                .body("data.consultations", equalTo(1))
                .body("data.prescriptions", equalTo(1))
                .body("data.by_doctor.doctor", equalTo(List.of((int) asha, (int) evil)))
                .body("data.by_doctor[0].visits", equalTo(1))
                .body("data.by_doctor[0].completed", equalTo(1))
                .body("data.by_doctor[0].consultations", equalTo(1))
                .body("data.by_doctor[0].prescriptions", equalTo(1))
                .body("data.by_doctor[1].visits", equalTo(1))
                .body("data.by_doctor[1].completed", equalTo(0))
                .body("data.by_doctor[1].consultations", equalTo(0));
        // ten seconds past its midnight is the next day
        World.as(admin)
                .get("/api/v1/clinics/{c}/reports/daily/?date=" + DAY.plusDays(1), clinic)
                .then()
                .statusCode(200)
                .body("data.patients_registered", equalTo(1))
                .body("data.visits.total", equalTo(0))
                .body("data.consultations", equalTo(1))
                .body("data.by_doctor[1].consultations", equalTo(1));
    }

    @Test
    void theCsvIsExactlyAsTheContractGivesIt() {
        String expected = "doctor,user_name,visits,completed,consultations,prescriptions\r\n"
                + asha + ",Asha Rao,1,1,1,1\r\n"
                + evil + ",'=HYPERLINK(1) Evil,1,0,0,0\r\n"
                + "TOTAL,,3,1,1,1\r\n";
        for (Response csv : List.of(
                World.as(admin).accept("text/csv").get("/api/v1/clinics/{c}/reports/daily/?date=" + DAY, clinic),
                World.as(admin).get("/api/v1/clinics/{c}/reports/daily/?format=csv&date=" + DAY, clinic))) {
            csv.then()
                    .statusCode(200)
                    .contentType("text/csv; charset=utf-8")
                    .header(
                            "Content-Disposition",
                            "attachment; filename=\"daily-report-" + slug + "-" + DAY + ".csv\"");
            assertThat(csv.asString(), is(expected));
        }
        // a CSV request that fails answers JSON
        World.as(admin)
                .accept("text/csv")
                .get("/api/v1/clinics/{c}/reports/daily/?date=2026-02-30", clinic)
                .then()
                .statusCode(400)
                .contentType("application/json")
                .body("errors", hasKey("date"));
    }

    @Test
    void theDashboardHasCurrentFiguresAndTheDaysFigures() {
        World.as(admin)
                .get("/api/v1/clinics/{c}/analytics/dashboard/?date=" + DAY, clinic)
                .then()
                .statusCode(200)
                .body("message", equalTo("Dashboard retrieved successfully"))
                .body("data.total_patients", equalTo(4))
                .body("data.active_patients", equalTo(4))
                .body("data.new_patients_today", equalTo(2))
                .body("data.visits_today", equalTo(3))
                .body("data.waiting_now", equalTo(1))
                .body("data.consultations_today", equalTo(1))
                .body("data.prescriptions_today", equalTo(1))
                .body("data.doctors.doctor", equalTo(List.of((int) asha, (int) evil)))
                .body("data.doctors[0].user_name", equalTo("Asha Rao"))
                .body("data.doctors[0].queue_count", equalTo(1))
                .body("data.doctors[0].completed_today", equalTo(1))
                .body("data.doctors[1].queue_count", equalTo(0))
                // of the day's visits only the completed one started: its wait and its length
                .body("data.median_wait_minutes_today", equalTo(12.0f))
                .body("data.median_consultation_minutes_today", equalTo(7.5f));
        // no date: today in the clinic's zone
        World.as(admin)
                .get("/api/v1/clinics/{c}/analytics/dashboard/", clinic)
                .then()
                .statusCode(200)
                .body("data.date", equalTo(LocalDate.now(ZONE).toString()))
                .body("data.visits_today", equalTo(1))
                // today's one visit still waits: no median counts
                .body("data.median_wait_minutes_today", nullValue())
                .body("data.median_consultation_minutes_today", nullValue());
        World.as(admin)
                .get("/api/v1/clinics/{c}/analytics/dashboard/?date=tomorrow", clinic)
                .then()
                .statusCode(400)
                .body("errors", hasKey("date"));
    }

    @Test
    void onlyTheClinicsAdminsAndSuperusersSeeThem() {
        for (String role : List.of("doctor", "receptionist")) {
            Account staff = newUser(clinic, role);
            World.as(staff)
                    .get("/api/v1/clinics/{c}/analytics/dashboard/", clinic)
                    .then()
                    .statusCode(403);
            World.as(staff)
                    .get("/api/v1/clinics/{c}/reports/daily/", clinic)
                    .then()
                    .statusCode(403);
        }
        Account stranger = newUser(GatewayAccounts.newClinic(), "admin");
        World.as(stranger)
                .get("/api/v1/clinics/{c}/analytics/dashboard/", clinic)
                .then()
                .statusCode(403);
        World.as(stranger)
                .get("/api/v1/clinics/{c}/reports/daily/", clinic)
                .then()
                .statusCode(403);
        asSuperuser()
                .get("/api/v1/clinics/{c}/reports/daily/?date=" + DAY, clinic)
                .then()
                .statusCode(200)
                .body("data.visits.total", equalTo(3));
    }

    @Test
    void withAServiceDownTheDashboardDegradesAndTheReportRefuses() {
        ServiceRunner consultations = Suite.consultationsProcess();
        consultations.kill();
        try {
            World.as(admin)
                    .get("/api/v1/clinics/{c}/analytics/dashboard/?date=" + DAY, clinic)
                    .then()
                    .statusCode(200)
                    .body("message", containsString("consultations"))
                    .body("data.consultations_today", nullValue())
                    .body("data.prescriptions_today", nullValue())
                    .body("data.visits_today", equalTo(3))
                    .body("data.total_patients", equalTo(4));
            World.as(admin)
                    .get("/api/v1/clinics/{c}/reports/daily/?date=" + DAY, clinic)
                    .then()
                    .statusCode(503)
                    .body("success", equalTo(false));
        } finally {
            consultations.start();
        }
    }

    private static Account doctorUser(String first, String last) {
        String username = "dr-" + UUID.randomUUID().toString().substring(0, 8);
        long id = Created.id(asSuperuser()
                .body(Map.of(
                        "username", username,
                        "password", GatewayAccounts.PASSWORD,
                        "role", "doctor",
                        "first_name", first,
                        "last_name", last))
                .post("/api/v1/clinics/{c}/users/", clinic));
        return new Account(id, username, clinic, "doctor", GatewayAccounts.login(username, GatewayAccounts.PASSWORD));
    }

    private static long profile(Account doctor) {
        return Created.id(World.as(admin)
                .body(Map.of("user", doctor.id(), "license_number", "L-" + UUID.randomUUID()))
                .post("/api/v1/clinics/{c}/doctors/", clinic));
    }

    private static long patient(Account reception, String name) {
        return Created.id(World.as(reception)
                .body(Map.of(
                        "patient_name",
                        "Patient " + name,
                        "date_of_birth",
                        "1990-01-01",
                        "gender",
                        "F",
                        "phone_number",
                        "90000" + (10000 + PHONES.incrementAndGet())))
                .post("/api/v1/clinics/{c}/patients/", clinic));
    }

    private static long checkIn(Account reception, long patient, Long doctor) {
        Map<String, Object> body =
                doctor == null ? Map.of("purpose", "Visit") : Map.of("purpose", "Visit", "doctor", doctor);
        return World.as(reception)
                .body(body)
                .post("/api/v1/clinics/{c}/patients/{p}/check_in/", clinic, patient)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("data.visit_id");
    }

    private static Instant at(LocalDate day, LocalTime time) {
        return day.atTime(time).atZone(ZONE).toInstant();
    }

    private static void move(ServiceRunner process, String sql, Instant to, long id) throws Exception {
        try (Connection db = process.connect();
                PreparedStatement update = db.prepareStatement(sql)) {
            update.setTimestamp(1, Timestamp.from(to));
            update.setLong(2, id);
            assertThat(update.executeUpdate(), is(1));
        }
    }
}
