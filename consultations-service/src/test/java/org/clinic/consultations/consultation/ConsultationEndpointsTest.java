package org.clinic.consultations.consultation;

import static org.clinic.consultations.Staff.as;
import static org.clinic.testing.GatewayAccounts.newUser;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.clinic.consultations.Staff;
import org.clinic.testing.DoctorsProcess;
import org.clinic.testing.GatewayAccounts.Account;
import org.clinic.testing.GatewayProcess;
import org.clinic.testing.PatientsProcess;
import org.clinic.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(GatewayProcess.class)
@QuarkusTestResource(PatientsProcess.class)
@QuarkusTestResource(DoctorsProcess.class)
class ConsultationEndpointsTest {

    private static Response create(Account doctor, Map<String, Object> body) {
        return as(doctor).body(body).post("/api/v1/clinics/{c}/consultations/", doctor.clinicId());
    }

    private static Map<String, Object> consultation(long patient) {
        Map<String, Object> body = new HashMap<>();
        body.put("patient", patient);
        body.put("chief_complaint", "Headache");
        body.put("diagnosis", "Migraine");
        body.put(
                "vitals",
                Map.of("bp_systolic", 120, "bp_diastolic", 80, "pulse", 72, "temperature_c", 37.2, "spo2", 98));
        body.put("follow_up_date", LocalDate.now().plusDays(7).toString());
        return body;
    }

    @Test
    void aDoctorRecordsAConsultationAsThemselves() {
        Staff s = Staff.newClinicWithStaff();
        long patient = s.newPatient();
        Map<String, Object> body = consultation(patient);
        body.put("doctor", 999);
        create(s.doctor(), body)
                .then()
                .statusCode(201)
                .body("data.doctor", equalTo((int) s.doctorId()))
                .body("data.doctor_name", equalTo("Test doctor"))
                .body("data.patient", equalTo((int) patient))
                .body("data.vitals.pulse", equalTo(72))
                .body("data.vitals.temperature_c", equalTo(37.2f))
                .body("data.vitals.weight_kg", equalTo(null))
                .body("data.visit", equalTo(null));
    }

    @Test
    void vitalsAndDatesAreChecked() {
        Staff s = Staff.newClinicWithStaff();
        Map<String, Object> body = consultation(s.newPatient());
        body.put("vitals", Map.of("pulse", 300, "temperature_c", 50, "spo2", 40, "bp_systolic", 39));
        create(s.doctor(), body)
                .then()
                .statusCode(400)
                .body("errors", hasKey("vitals.pulse"))
                .body("errors", hasKey("vitals.temperature_c"))
                .body("errors", hasKey("vitals.spo2"))
                .body("errors", hasKey("vitals.bp_systolic"));
        Map<String, Object> past = consultation(s.newPatient());
        past.put("follow_up_date", LocalDate.now().minusDays(3).toString());
        create(s.doctor(), past).then().statusCode(400).body("errors", hasKey("follow_up_date"));
    }

    @Test
    void aConsultationForAWaitingVisitStartsIt() {
        Staff s = Staff.newClinicWithStaff();
        long patient = s.newPatient();
        long visit = s.checkIn(patient);
        Map<String, Object> body = forVisit(patient, visit);
        create(s.doctor(), body).then().statusCode(201).body("data.visit", equalTo((int) visit));
        assertEquals("in_consultation", s.visitStatus(visit));
        // already in consultation: stays so
        create(s.doctor(), body).then().statusCode(201);
        assertEquals("in_consultation", s.visitStatus(visit));
    }

    /**
     * With an Idempotency-Key the visit is moved first and the consultation and the key's answer are written in the
     * key's transaction: one consultation, the visit in consultation, and the repeat answered from the key without
     * a second call.
     */
    @Test
    void aKeyedConsultationForAWaitingVisitStartsItOnce() throws Exception {
        Staff s = Staff.newClinicWithStaff();
        long patient = s.newPatient();
        long visit = s.checkIn(patient);
        Map<String, Object> body = forVisit(patient, visit);
        String key = "consult-" + java.util.UUID.randomUUID();
        Response first = createWithKey(s, key, body);
        first.then().statusCode(201).body("data.visit", equalTo((int) visit));
        assertEquals("in_consultation", s.visitStatus(visit));
        Response again = createWithKey(s, key, body);
        again.then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(first.asString(), again.asString());
        try (java.sql.Connection c = org.clinic.testing.PostgresDatabase.connect();
                java.sql.ResultSet rs = c.createStatement()
                        .executeQuery("select count(*) from consultation where clinic_id = " + s.clinic())) {
            rs.next();
            assertEquals(1, rs.getLong(1));
        }
    }

    private static Response createWithKey(Staff s, String key, Map<String, Object> body) {
        return as(s.doctor())
                .header("Idempotency-Key", key)
                .body(body)
                .post("/api/v1/clinics/{c}/consultations/", s.clinic());
    }

    private static Map<String, Object> forVisit(long patient, long visit) {
        Map<String, Object> body = consultation(patient);
        body.put("visit", visit);
        return body;
    }

    /** Transactions of this service's run-time role open right now (other than the asking connection's). */
    private static int openTransactions() throws Exception {
        try (java.sql.Connection c = org.clinic.testing.PostgresDatabase.connect();
                java.sql.PreparedStatement q = c.prepareStatement("select count(*) from pg_stat_activity"
                        + " where datname = current_database() and usename = ? and xact_start is not null"
                        + " and pid <> pg_backend_pid()")) {
            q.setString(1, org.clinic.testing.PostgresDatabase.ROLES.app());
            try (java.sql.ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * A fault in doctors-service's database: moving a visit to in_consultation takes {@code inStatement} seconds in
     * its UPDATE and {@code atCommit} more at its COMMIT (a deferred trigger), each under doctors-service's own
     * 5 s statement timeout, together past consultations-service's 5 s wait for the answer.
     */
    private static AutoCloseable slowVisitMoves(double inStatement, double atCommit) throws Exception {
        try (java.sql.Connection db = org.clinic.testing.DoctorsProcess.connect()) {
            db.createStatement()
                    .execute("create or replace function test_slow_move() returns trigger language plpgsql as $$"
                            + " begin if new.status = 'in_consultation' then perform pg_sleep(" + inStatement + ");"
                            + " end if; return new; end $$");
            db.createStatement()
                    .execute("create trigger test_slow_move before update on visit"
                            + " for each row execute function test_slow_move()");
            db.createStatement()
                    .execute("create or replace function test_slow_commit() returns trigger language plpgsql as $$"
                            + " begin if new.status = 'in_consultation' then perform pg_sleep(" + atCommit + ");"
                            + " end if; return null; end $$");
            db.createStatement()
                    .execute("create constraint trigger test_slow_commit after update on visit"
                            + " deferrable initially deferred for each row execute function test_slow_commit()");
        }
        return () -> {
            try (java.sql.Connection db = org.clinic.testing.DoctorsProcess.connect()) {
                db.createStatement().execute("drop trigger if exists test_slow_move on visit");
                db.createStatement().execute("drop function if exists test_slow_move()");
                db.createStatement().execute("drop trigger if exists test_slow_commit on visit");
                db.createStatement().execute("drop function if exists test_slow_commit()");
            }
        };
    }

    /** Whether doctors-service's database is in the middle of a slowed move (a backend asleep in its trigger). */
    private static boolean moving() throws Exception {
        try (java.sql.Connection db = org.clinic.testing.DoctorsProcess.connect();
                java.sql.ResultSet rs = db.createStatement()
                        .executeQuery("select count(*) from pg_stat_activity where datname = current_database()"
                                + " and wait_event = 'PgSleep'")) {
            rs.next();
            return rs.getInt(1) > 0;
        }
    }

    private static long consultations(long clinic) throws Exception {
        try (java.sql.Connection c = org.clinic.testing.PostgresDatabase.connect();
                java.sql.ResultSet rs = c.createStatement()
                        .executeQuery("select count(*) from consultation where clinic_id = " + clinic)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Issue 27: no transaction of this service stays open while doctors-service moves the visit (up to its 5 s
     * timeout, a pooled connection held per create). The move is made slow; meanwhile this service's database shows
     * no open transaction of the run-time role.
     */
    @Test
    void noTransactionIsOpenWhileDoctorsServiceMovesTheVisit() throws Exception {
        Staff s = Staff.newClinicWithStaff();
        long patient = s.newPatient();
        long visit = s.checkIn(patient);
        Map<String, Object> body = forVisit(patient, visit);
        int most = 0;
        boolean sawMove = false;
        long started;
        Response answer;
        try (AutoCloseable slow = slowVisitMoves(1.5, 0)) {
            started = System.nanoTime();
            java.util.concurrent.CompletableFuture<Response> created =
                    java.util.concurrent.CompletableFuture.supplyAsync(() -> create(s.doctor(), body));
            while (!created.isDone()) {
                // counted only while the move is under way throughout (its backend asleep before and after the look):
                // the consultation's own transaction, after the move, is allowed
                if (moving()) {
                    int open = openTransactions();
                    if (moving()) {
                        most = Math.max(most, open);
                        sawMove = true;
                    }
                }
                Thread.sleep(20);
            }
            answer = created.get();
        }
        answer.then().statusCode(201);
        org.junit.jupiter.api.Assertions.assertTrue(
                System.nanoTime() - started >= 1_500_000_000L && sawMove, "the visit's move was slow");
        assertEquals(0, most, "a transaction of consultations-service was open across the call to doctors-service");
        assertEquals("in_consultation", s.visitStatus(visit));
    }

    /**
     * Issue 27, timeouts are answers too: doctors-service commits the visit's move 7 s after it was asked, when this
     * service has given up waiting (its 5 s read timeout: a 503); the retry with the same key finds the visit in consultation and records the
     * consultation, once.
     */
    @Test
    void aRetryAfterATimedOutMoveConvergesToOneConsultation() throws Exception {
        Staff s = Staff.newClinicWithStaff();
        long patient = s.newPatient();
        long visit = s.checkIn(patient);
        Map<String, Object> body = forVisit(patient, visit);
        String key = "consult-" + java.util.UUID.randomUUID();
        try (AutoCloseable slow = slowVisitMoves(3.5, 3.5)) {
            createWithKey(s, key, body)
                    .then()
                    .statusCode(503)
                    .header("Retry-After", org.hamcrest.Matchers.notNullValue());
            assertEquals(0, consultations(s.clinic()));
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!"in_consultation".equals(s.visitStatus(visit)) && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertEquals("in_consultation", s.visitStatus(visit), "doctors-service committed the move after all");
        }
        for (int i = 0; i < 2; i++) {
            createWithKey(s, key, body).then().statusCode(201).body("data.visit", equalTo((int) visit));
        }
        assertEquals(1, consultations(s.clinic()));
    }

    /**
     * Issue 27, the retry that overtakes the first attempt: it comes as soon as the first is answered 503, while
     * doctors-service is still committing the first's move. The retry sees the visit still waiting, asks to move it,
     * waits for the first's move and is refused (409: the visit moved meanwhile); it reads the visit again, finds it
     * in consultation and the caller's, and records the consultation: 201 at the first retry, never a 409, and one
     * consultation.
     */
    @Test
    void aRetryWhileTheFirstMoveIsStillCommittingIsAnsweredWithTheConsultation() throws Exception {
        Staff s = Staff.newClinicWithStaff();
        long patient = s.newPatient();
        long visit = s.checkIn(patient);
        Map<String, Object> body = forVisit(patient, visit);
        String key = "consult-" + java.util.UUID.randomUUID();
        try (AutoCloseable slow = slowVisitMoves(3.5, 3.5)) {
            createWithKey(s, key, body).then().statusCode(503);
            // the first move commits about 7 s after it was asked; this is about 5 s
            org.junit.jupiter.api.Assertions.assertTrue(
                    moving(), "the first attempt's move was no longer under way: the retry overtakes nothing");
            createWithKey(s, key, body).then().statusCode(201).body("data.visit", equalTo((int) visit));
        }
        assertEquals(1, consultations(s.clinic()));
        assertEquals("in_consultation", s.visitStatus(visit));
        createWithKey(s, key, body).then().statusCode(201).header("Idempotent-Replayed", "true");
        assertEquals(1, consultations(s.clinic()));
    }

    /**
     * Issue 27: the consultation's transaction fails after its visit moved (here its key's answer is refused, as a
     * crash would lose it): nothing of the consultation is kept, the visit is in consultation, which a doctor may
     * be in without notes, and the retry with the key records the consultation once.
     */
    @Test
    void aConsultationWhoseTransactionFailedAfterItsVisitMovedIsFinishedByItsRetry() throws Exception {
        Staff s = Staff.newClinicWithStaff();
        long patient = s.newPatient();
        long visit = s.checkIn(patient);
        Map<String, Object> body = forVisit(patient, visit);
        String key = org.clinic.testing.RefusedAnswers.key();
        try (org.clinic.testing.RefusedAnswers refused = org.clinic.testing.RefusedAnswers.install()) {
            Response failed = createWithKey(s, key, body);
            org.junit.jupiter.api.Assertions.assertTrue(failed.statusCode() >= 500, failed.asString());
            assertEquals(0, consultations(s.clinic()));
        }
        assertEquals("in_consultation", s.visitStatus(visit));
        for (int i = 0; i < 2; i++) {
            createWithKey(s, key, body).then().statusCode(201);
        }
        assertEquals(1, consultations(s.clinic()));
        assertEquals("in_consultation", s.visitStatus(visit));
    }

    @Test
    void aVisitThatIsOverOrNotThePatientsIsRefused() throws Exception {
        Staff s = Staff.newClinicWithStaff();
        long patient = s.newPatient();
        long visit = s.checkIn(patient);
        as(s.receptionist())
                .baseUri(DoctorsProcess.url())
                .body(Map.of("status", "cancelled"))
                .post("/api/v1/clinics/{c}/visits/{id}/transition/", s.clinic(), visit)
                .then()
                .statusCode(200);
        Map<String, Object> body = forVisit(patient, visit);
        create(s.doctor(), body).then().statusCode(409);

        long other = s.newPatient();
        long othersVisit = s.checkIn(other);
        body.put("visit", othersVisit);
        create(s.doctor(), body).then().statusCode(400).body("errors", hasKey("visit"));
        body.put("visit", 987_654_321L);
        create(s.doctor(), body).then().statusCode(400).body("errors", hasKey("visit"));
        assertEquals("checked_in", s.visitStatus(othersVisit));
        try (var db = PostgresDatabase.connect();
                var rs = db.createStatement()
                        .executeQuery("select count(*) from consultation where patient_id = " + patient
                                + " and clinic_id = " + s.clinic())) {
            rs.next();
            assertEquals(0, rs.getLong(1), "nothing stored for refused consultations");
        }
    }

    @Test
    void anotherClinicsPatientIsA400() {
        Staff s = Staff.newClinicWithStaff();
        Staff other = Staff.newClinicWithStaff();
        create(s.doctor(), consultation(other.newPatient()))
                .then()
                .statusCode(400)
                .body("errors", hasKey("patient"));
        create(s.doctor(), consultation(987_654_321L)).then().statusCode(400).body("errors", hasKey("patient"));
        Map<String, Object> noPatient = consultation(1);
        noPatient.remove("patient");
        create(s.doctor(), noPatient).then().statusCode(400).body("errors", hasKey("patient"));
    }

    @Test
    void onlyDoctorsWithAProfileWriteAndReceptionistsReadNothing() {
        Staff s = Staff.newClinicWithStaff();
        long patient = s.newPatient();
        create(s.admin(), consultation(patient)).then().statusCode(403);
        create(newUser(s.clinic(), "doctor"), consultation(patient)).then().statusCode(403);
        as(s.receptionist())
                .get("/api/v1/clinics/{c}/consultations/", s.clinic())
                .then()
                .statusCode(403);
        create(s.receptionist(), consultation(patient)).then().statusCode(403);
    }

    @Test
    void doctorsSeeAndChangeOnlyTheirOwnAdminsSeeAll() {
        Staff s = Staff.newClinicWithStaff();
        long patient = s.newPatient();
        int mine = create(s.doctor(), consultation(patient))
                .then()
                .statusCode(201)
                .extract()
                .path("data.id");
        Account other = s.anotherDoctor();
        int theirs = create(other, consultation(patient))
                .then()
                .statusCode(201)
                .extract()
                .path("data.id");

        as(s.doctor())
                .get("/api/v1/clinics/{c}/consultations/", s.clinic())
                .then()
                .body("data.id", hasItem(mine))
                .body("data.id", not(hasItem(theirs)));
        as(s.doctor())
                .get("/api/v1/clinics/{c}/consultations/{id}/", s.clinic(), theirs)
                .then()
                .statusCode(404);
        as(s.doctor())
                .body(Map.of("diagnosis", "x"))
                .patch("/api/v1/clinics/{c}/consultations/{id}/", s.clinic(), theirs)
                .then()
                .statusCode(404);
        as(s.doctor())
                .body(Map.of("diagnosis", "Tension headache"))
                .patch("/api/v1/clinics/{c}/consultations/{id}/", s.clinic(), mine)
                .then()
                .statusCode(200)
                .body("data.diagnosis", equalTo("Tension headache"))
                .body("data.vitals.pulse", equalTo(72));
        as(s.admin())
                .get("/api/v1/clinics/{c}/consultations/", s.clinic())
                .then()
                .body("pagination.count", equalTo(2));
        as(s.admin())
                .body(Map.of("diagnosis", "x"))
                .patch("/api/v1/clinics/{c}/consultations/{id}/", s.clinic(), mine)
                .then()
                .statusCode(403);
    }

    @Test
    void anotherClinicsConsultationIsNotFound() {
        Staff a = Staff.newClinicWithStaff();
        Staff b = Staff.newClinicWithStaff();
        int id = create(a.doctor(), consultation(a.newPatient()))
                .then()
                .extract()
                .path("data.id");
        as(b.admin())
                .get("/api/v1/clinics/{c}/consultations/{id}/", b.clinic(), id)
                .then()
                .statusCode(404);
        as(b.admin())
                .get("/api/v1/clinics/{c}/consultations/{id}/", a.clinic(), id)
                .then()
                .statusCode(403);
        as(b.admin())
                .get("/api/v1/clinics/{c}/consultations/", b.clinic())
                .then()
                .body("pagination.count", equalTo(0));
    }

    @Test
    void anotherDoctorsVisitIsRefusedEvenInConsultation() {
        Staff s = Staff.newClinicWithStaff();
        long patient = s.newPatient();
        long visit = s.checkIn(patient);
        Account other = s.anotherDoctor();
        Map<String, Object> body = forVisit(patient, visit);
        create(other, body).then().statusCode(201); // other doctor takes the unassigned visit
        assertEquals("in_consultation", s.visitStatus(visit));
        create(s.doctor(), body).then().statusCode(400).body("errors", hasKey("visit"));
    }

    @Test
    void aPassedFollowUpDoesNotBlockOtherCorrectionsAndVitalsMergeFieldByField() throws Exception {
        Staff s = Staff.newClinicWithStaff();
        int id = create(s.doctor(), consultation(s.newPatient()))
                .then()
                .statusCode(201)
                .extract()
                .path("data.id");
        try (var db = PostgresDatabase.connect()) {
            db.createStatement().execute("update consultation set follow_up_date = current_date - 30 where id = " + id);
        }
        as(s.doctor())
                .body(Map.of("notes", "Reviewed", "vitals", Map.of("pulse", 80)))
                .patch("/api/v1/clinics/{c}/consultations/{id}/", s.clinic(), id)
                .then()
                .statusCode(200)
                .body("data.notes", equalTo("Reviewed"))
                .body("data.vitals.pulse", equalTo(80))
                .body("data.vitals.bp_systolic", equalTo(120));
        as(s.doctor())
                .body(Map.of("follow_up_date", LocalDate.now().minusDays(5).toString()))
                .patch("/api/v1/clinics/{c}/consultations/{id}/", s.clinic(), id)
                .then()
                .statusCode(400)
                .body("errors", hasKey("follow_up_date"));
    }
}
