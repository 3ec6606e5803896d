package org.clinic.doctors.visit;

import static org.clinic.doctors.TestClinics.as;
import static org.clinic.doctors.TestClinics.doctorProfile;
import static org.clinic.doctors.TestClinics.newClinicWithStaff;
import static org.clinic.doctors.TestClinics.waitingVisit;
import static org.clinic.testing.GatewayAccounts.newUser;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.clinic.doctors.TestClinics.Clinic;
import org.clinic.testing.GatewayAccounts.Account;
import org.clinic.testing.GatewayProcess;
import org.clinic.testing.PatientsProcess;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.Race;
import org.junit.jupiter.api.Test;

/** API.md §8 "Change a waiting visit": {@code PATCH visits/{id}/} for priority and transfer. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(GatewayProcess.class)
@QuarkusTestResource(PatientsProcess.class)
class VisitChangesTest {

    private static Response patch(Account as, long clinic, long visit, Map<String, ?> body) {
        return as(as).body(body).patch("/api/v1/clinics/{c}/visits/{id}/", clinic, visit);
    }

    private static List<Integer> queue(Clinic c, long doctor) {
        return as(c.admin())
                .get("/api/v1/clinics/{c}/doctors/{id}/queue/", c.id(), doctor)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("data.queue.id");
    }

    private static JsonPath history(Clinic c, long visit) {
        return as(c.admin())
                .get("/api/v1/clinics/{c}/visits/{id}/history/", c.id(), visit)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static String etag(Clinic c, long visit) {
        return as(c.admin())
                .get("/api/v1/clinics/{c}/visits/{id}/", c.id(), visit)
                .then()
                .statusCode(200)
                .extract()
                .header("ETag");
    }

    /**
     * A transfer keeps the visit's token, priority and check-in time, so it takes its fair place in the new queue (not
     * the end of it); a priority change moves it within its queue; null moves it to the unassigned queue. Each change
     * is in the history with its reason and actor, and the answer's ETag is the new version.
     */
    @Test
    void aTransferKeepsTheVisitsPlaceAndAPriorityChangeReordersTheQueue() {
        Clinic c = newClinicWithStaff();
        Account second = newUser(c.id(), "doctor");
        long secondId = doctorProfile(c.admin(), second);
        long first = waitingVisit(c, secondId, "normal");
        long moved = waitingVisit(c, c.doctorId(), "normal");
        long last = waitingVisit(c, secondId, "normal");
        int token = as(c.admin())
                .get("/api/v1/clinics/{c}/visits/{id}/", c.id(), moved)
                .then()
                .extract()
                .jsonPath()
                .getInt("data.token_number");
        String before = etag(c, moved);

        String after = patch(
                        c.receptionist(), c.id(), moved, Map.of("assigned_doctor", secondId, "reason", "Dr A left"))
                .then()
                .statusCode(200)
                .body("message", equalTo("Visit updated successfully"))
                .body("data.assigned_doctor", equalTo((int) secondId))
                .body("data.token_number", equalTo(token))
                .body("data.priority", equalTo("normal"))
                .body("data.status", equalTo("checked_in"))
                .extract()
                .header("ETag");
        assertNotEquals(before, after);
        assertEquals(after, etag(c, moved));
        assertEquals(List.of((int) first, (int) moved, (int) last), queue(c, secondId));
        assertEquals(List.of(), queue(c, c.doctorId()));

        patch(c.receptionist(), c.id(), last, Map.of("priority", "urgent"))
                .then()
                .statusCode(200)
                .body("data.priority", equalTo("urgent"));
        assertEquals(List.of((int) last, (int) first, (int) moved), queue(c, secondId));

        Map<String, Object> unassign = new HashMap<>();
        unassign.put("assigned_doctor", null);
        patch(c.admin(), c.id(), first, unassign).then().statusCode(200).body("data.assigned_doctor", nullValue());
        assertEquals(List.of((int) last, (int) moved), queue(c, secondId));

        JsonPath moves = history(c, moved);
        assertEquals(List.of("checked_in", "transfer"), moves.getList("data.kind"));
        assertEquals(String.valueOf(c.doctorId()), moves.getString("data[1].from"));
        assertEquals(String.valueOf(secondId), moves.getString("data[1].to"));
        assertEquals("Dr A left", moves.getString("data[1].reason"));
        assertEquals("receptionist", moves.getString("data[1].actor_role"));
        assertEquals(c.receptionist().id(), moves.getLong("data[1].actor_id"));
        JsonPath raised = history(c, last);
        assertEquals(List.of("checked_in", "priority"), raised.getList("data.kind"));
        assertEquals(
                Arrays.asList("normal", "urgent", null),
                Arrays.asList(
                        raised.getString("data[1].from"),
                        raised.getString("data[1].to"),
                        raised.getString("data[1].reason")));
        JsonPath unassigned = history(c, first);
        assertEquals(String.valueOf(secondId), unassigned.getString("data[1].from"));
        assertEquals(null, unassigned.getString("data[1].to"));
    }

    /** A body that names nothing new changes nothing: no history entry, the same version. */
    @Test
    void aChangeToWhatTheVisitAlreadyIsWritesNothing() {
        Clinic c = newClinicWithStaff();
        long v = waitingVisit(c, c.doctorId(), "urgent");
        String before = etag(c, v);
        patch(c.receptionist(), c.id(), v, Map.of("priority", "urgent", "assigned_doctor", c.doctorId()))
                .then()
                .statusCode(200)
                .header("ETag", equalTo(before));
        assertEquals(List.of("checked_in"), history(c, v).getList("data.kind"));
    }

    /**
     * Bad input is a 400 naming its field and changes nothing: a priority outside the three (or null), a doctor who is
     * inactive, unknown or of another clinic, a reason over 500 characters, a body that is not an object.
     */
    @Test
    void badChangesAre400sNamingTheFieldAndChangeNothing() {
        Clinic c = newClinicWithStaff();
        Clinic elsewhere = newClinicWithStaff();
        Account inactive = newUser(c.id(), "doctor");
        long inactiveId = doctorProfile(c.admin(), inactive);
        as(c.admin())
                .delete("/api/v1/clinics/{c}/doctors/{id}/", c.id(), inactiveId)
                .then()
                .statusCode(204);
        long v = waitingVisit(c, c.doctorId(), "normal");
        String before = etag(c, v);

        patch(c.admin(), c.id(), v, Map.of("priority", "high"))
                .then()
                .statusCode(400)
                .body("errors", hasKey("priority"));
        Map<String, Object> nullPriority = new HashMap<>();
        nullPriority.put("priority", null);
        patch(c.admin(), c.id(), v, nullPriority).then().statusCode(400).body("errors", hasKey("priority"));
        for (long doctor : new long[] {inactiveId, elsewhere.doctorId(), 9_000_000_000L}) {
            patch(c.admin(), c.id(), v, Map.of("assigned_doctor", doctor))
                    .then()
                    .statusCode(400)
                    .body("errors", hasKey("assigned_doctor"));
        }
        patch(c.admin(), c.id(), v, Map.of("assigned_doctor", "Dr Who"))
                .then()
                .statusCode(400)
                .body("errors", hasKey("assigned_doctor"));
        patch(c.admin(), c.id(), v, Map.of("priority", "urgent", "reason", "x".repeat(501)))
                .then()
                .statusCode(400)
                .body("errors", hasKey("reason"));
        as(c.admin())
                .body("[]")
                .patch("/api/v1/clinics/{c}/visits/{id}/", c.id(), v)
                .then()
                .statusCode(400)
                .body("success", equalTo(false));

        assertEquals(before, etag(c, v));
        assertEquals(List.of("checked_in"), history(c, v).getList("data.kind"));
        assertEquals(List.of((int) v), queue(c, c.doctorId()));
    }

    /** Only a waiting visit changes (409 otherwise), and If-Match applies as for any update (412, nothing changed). */
    @Test
    void onlyAWaitingVisitChangesAndIfMatchApplies() {
        Clinic c = newClinicWithStaff();
        long v = waitingVisit(c, c.doctorId(), "normal");
        String stale = etag(c, v);
        patch(c.admin(), c.id(), v, Map.of("priority", "urgent")).then().statusCode(200);
        as(c.admin())
                .header("If-Match", stale)
                .body(Map.of("priority", "emergency"))
                .patch("/api/v1/clinics/{c}/visits/{id}/", c.id(), v)
                .then()
                .statusCode(412);
        as(c.admin())
                .header("If-Match", etag(c, v))
                .body(Map.of("priority", "emergency"))
                .patch("/api/v1/clinics/{c}/visits/{id}/", c.id(), v)
                .then()
                .statusCode(200)
                .body("data.priority", equalTo("emergency"));

        as(c.doctor())
                .body(Map.of("status", "in_consultation"))
                .post("/api/v1/clinics/{c}/visits/{id}/transition/", c.id(), v)
                .then()
                .statusCode(200);
        patch(c.admin(), c.id(), v, Map.of("priority", "normal"))
                .then()
                .statusCode(409)
                .body("message", equalTo("Only a waiting visit can be changed; this one is in_consultation."));
        assertEquals(
                List.of("checked_in", "priority", "priority", "status"),
                history(c, v).getList("data.kind"));
    }

    /**
     * Roles of §8: admin and desk; a doctor only for a visit assigned to them, which they may hand on or raise (not
     * lower); no display. Another clinic's visit is a 404, another clinic's path a 403.
     */
    @Test
    void aDoctorChangesOnlyTheirOwnVisitsAndOnlyUpwardsAndOtherClinicsNothing() {
        Clinic c = newClinicWithStaff();
        Account second = newUser(c.id(), "doctor");
        long secondId = doctorProfile(c.admin(), second);
        long mine = waitingVisit(c, c.doctorId(), "urgent");
        long unassigned = waitingVisit(c, null, "normal");

        patch(second, c.id(), mine, Map.of("priority", "emergency")).then().statusCode(403);
        patch(c.doctor(), c.id(), unassigned, Map.of("assigned_doctor", c.doctorId()))
                .then()
                .statusCode(403);
        patch(c.doctor(), c.id(), mine, Map.of("priority", "normal"))
                .then()
                .statusCode(403)
                .body("message", equalTo("A doctor may raise a visit's priority, not lower it."));
        patch(newUser(c.id(), "display"), c.id(), mine, Map.of("priority", "emergency"))
                .then()
                .statusCode(403);
        Clinic elsewhere = newClinicWithStaff();
        patch(elsewhere.admin(), elsewhere.id(), mine, Map.of("priority", "emergency"))
                .then()
                .statusCode(404);
        patch(elsewhere.admin(), c.id(), mine, Map.of("priority", "emergency"))
                .then()
                .statusCode(403);
        assertEquals(List.of("checked_in"), history(c, mine).getList("data.kind"));

        patch(c.doctor(), c.id(), mine, Map.of("priority", "emergency"))
                .then()
                .statusCode(200)
                .body("data.priority", equalTo("emergency"));
        patch(c.doctor(), c.id(), mine, Map.of("assigned_doctor", secondId, "reason", "Needs a cardiologist"))
                .then()
                .statusCode(200)
                .body("data.assigned_doctor", equalTo((int) secondId));
        // handed on: no longer theirs to change
        patch(c.doctor(), c.id(), mine, Map.of("assigned_doctor", c.doctorId()))
                .then()
                .statusCode(403);
        assertEquals(List.of((int) mine), queue(c, secondId));
    }

    /**
     * A transfer racing a call-next of the visit's doctor: the visit is either called (and the transfer refused, 409)
     * or transferred (and the call takes nobody); never both, never lost, and the history says exactly what happened.
     */
    @Test
    void aTransferRacingACallNextEitherHappensBeforeOrIsRefused() {
        Clinic c = newClinicWithStaff();
        Account second = newUser(c.id(), "doctor");
        long secondId = doctorProfile(c.admin(), second);
        for (int round = 0; round < 6; round++) {
            long v = waitingVisit(c, c.doctorId(), "normal");
            List<Integer> statuses = Race.of(
                    2,
                    n -> n == 0
                            ? patch(c.receptionist(), c.id(), v, Map.of("assigned_doctor", secondId))
                                    .statusCode()
                            : calledVisit(c.doctor(), c.id(), c.doctorId()) == v ? 1 : 0);
            JsonPath visit = as(c.admin())
                    .get("/api/v1/clinics/{c}/visits/{id}/", c.id(), v)
                    .then()
                    .extract()
                    .jsonPath();
            List<String> kinds = history(c, v).getList("data.kind");
            if (statuses.get(1) == 1) {
                assertEquals(409, statuses.get(0), statuses::toString);
                assertEquals("in_consultation", visit.getString("data.status"));
                assertEquals(c.doctorId(), visit.getLong("data.assigned_doctor"));
                assertEquals(List.of("checked_in", "status"), kinds);
            } else {
                assertEquals(200, statuses.get(0), statuses::toString);
                assertEquals("checked_in", visit.getString("data.status"));
                assertEquals(secondId, visit.getLong("data.assigned_doctor"));
                assertEquals(List.of("checked_in", "transfer"), kinds);
                as(c.admin())
                        .post("/api/v1/clinics/{c}/doctors/{id}/queue/call-next/", c.id(), secondId)
                        .then()
                        .statusCode(200)
                        .body("data.id", equalTo((int) v));
            }
        }
    }

    /**
     * A priority change racing a call-next of the visit's own doctor: the call always takes the visit (before the
     * change, which is then refused 409, or after it); it is never passed over.
     */
    @Test
    void aPriorityChangeRacingACallNextNeverHidesTheVisit() {
        Clinic c = newClinicWithStaff();
        for (int round = 0; round < 6; round++) {
            long v = waitingVisit(c, c.doctorId(), "normal");
            List<Long> answers = Race.of(
                    2,
                    n -> n == 0
                            ? (long) patch(c.receptionist(), c.id(), v, Map.of("priority", "urgent"))
                                    .statusCode()
                            : calledVisit(c.doctor(), c.id(), c.doctorId()));
            assertEquals(v, answers.get(1), answers::toString);
            assertTrue(answers.get(0) == 200 || answers.get(0) == 409, answers::toString);
        }
    }

    /**
     * The head of a doctor's queue is held by another transaction (as a PATCH or transition of it holds it) when the
     * doctor calls next: the call waits for it and takes it, rather than passing over it to the second patient; with
     * the second patient gone too it would answer "nobody" while one waits.
     */
    @Test
    void aCallNextWaitsForTheHeadBeingChangedInsteadOfPassingItOver() throws Exception {
        Clinic c = newClinicWithStaff();
        long head = waitingVisit(c, c.doctorId(), "urgent");
        long second = waitingVisit(c, c.doctorId(), "normal");
        assertEquals(head, (long) whileVisitLocked(head, () -> calledVisit(c.doctor(), c.id(), c.doctorId()), null));
        assertEquals(List.of((int) second), queue(c, c.doctorId()));
    }

    /**
     * A PATCH of a visit another transaction holds (as a call-next taking it does) waits for it and then reads what it
     * left: the visit went into consultation, so the change is a 409. Reading before the wait would pass the checks on
     * the old row and then write the whole row back over the consultation.
     */
    @Test
    void aChangeWaitsForAVisitBeingTakenAndThenSeesIt() throws Exception {
        Clinic c = newClinicWithStaff();
        long v = waitingVisit(c, c.doctorId(), "normal");
        int status = whileVisitLocked(
                v,
                () -> patch(c.receptionist(), c.id(), v, Map.of("priority", "urgent"))
                        .statusCode(),
                "update visit set status = 'in_consultation', started_at = now() where id = " + v);
        assertEquals(409, status);
        as(c.admin())
                .get("/api/v1/clinics/{c}/visits/{id}/", c.id(), v)
                .then()
                .statusCode(200)
                .body("data.status", equalTo("in_consultation"))
                .body("data.priority", equalTo("normal"));
    }

    /**
     * Sends {@code request} while another transaction holds {@code visit}'s row, checks that it waits, runs
     * {@code change} (SQL, or null) in that transaction and commits it: the request's answer.
     */
    private static <T> T whileVisitLocked(long visit, java.util.concurrent.Callable<T> request, String change)
            throws Exception {
        java.util.concurrent.ExecutorService sender = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<T> answer;
            try (Connection db = PostgresDatabase.connect();
                    java.sql.Statement holder = db.createStatement()) {
                db.setAutoCommit(false);
                holder.executeQuery("select id from visit where id = " + visit + " for update")
                        .close();
                answer = sender.submit(request);
                Thread.sleep(700);
                assertEquals(false, answer.isDone(), "the request waits for the visit");
                if (change != null) {
                    holder.executeUpdate(change);
                }
                db.commit();
            }
            return answer.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            sender.shutdownNow();
        }
    }

    /** The visit a call-next took, or -1 when it found nobody. */
    private static long calledVisit(Account as, long clinic, long doctor) {
        Object id = as(as).post("/api/v1/clinics/{c}/doctors/{id}/queue/call-next/", clinic, doctor)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .get("data.id");
        return id == null ? -1 : ((Number) id).longValue();
    }

    /** Every change is audited with its fields, in its transaction. */
    @Test
    void changesAreAuditedWithTheirFields() throws Exception {
        Clinic c = newClinicWithStaff();
        Account second = newUser(c.id(), "doctor");
        long secondId = doctorProfile(c.admin(), second);
        long v = waitingVisit(c, c.doctorId(), "normal");
        patch(c.receptionist(), c.id(), v, Map.of("priority", "urgent", "assigned_doctor", secondId))
                .then()
                .statusCode(200)
                .body("data.priority", equalTo("urgent"))
                .body("data", not(hasKey("reason")));
        try (Connection db = PostgresDatabase.connect();
                ResultSet rs = db.createStatement()
                        .executeQuery("select action, actor_id, changes::text from audit_event"
                                + " where resource_type = 'visit' and resource_id = " + v + " order by id")) {
            assertTrue(rs.next());
            assertEquals("check_in", rs.getString(1));
            assertTrue(rs.next());
            assertEquals("update", rs.getString(1));
            assertEquals(c.receptionist().id(), rs.getLong(2));
            assertTrue(rs.getString(3).contains("priority") && rs.getString(3).contains("assigned_doctor"));
        }
    }
}
