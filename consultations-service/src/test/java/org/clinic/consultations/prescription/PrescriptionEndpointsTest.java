package org.clinic.consultations.prescription;

import static org.clinic.consultations.Staff.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.clinic.consultations.Staff;
import org.clinic.testing.DoctorsProcess;
import org.clinic.testing.GatewayAccounts.Account;
import org.clinic.testing.GatewayProcess;
import org.clinic.testing.PatientsProcess;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.RefusedAnswers;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(GatewayProcess.class)
@QuarkusTestResource(PatientsProcess.class)
@QuarkusTestResource(DoctorsProcess.class)
class PrescriptionEndpointsTest {

    private static Map<String, Object> medicine(String name, int quantity) {
        Map<String, Object> m = new HashMap<>();
        m.put("medicine_name", name);
        m.put("dosage", "500 mg");
        m.put("frequency", "twice a day");
        m.put("duration", "5 days");
        m.put("route", "oral");
        m.put("quantity", quantity);
        m.put("refills_allowed", 0);
        return m;
    }

    private static Map<String, Object> prescription(long patient, List<Map<String, Object>> medicines) {
        Map<String, Object> body = new HashMap<>();
        body.put("patient", patient);
        body.put("notes", "After food");
        body.put("medicines", medicines);
        return body;
    }

    private static Response create(Account doctor, Map<String, Object> body) {
        return as(doctor).body(body).post("/api/v1/clinics/{c}/prescriptions/", doctor.clinicId());
    }

    private static long rows(String table, long clinic) throws Exception {
        try (Connection c = PostgresDatabase.connect();
                ResultSet rs = c.createStatement()
                        .executeQuery("select count(*) from " + table + " where clinic_id = " + clinic)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aPrescriptionIsStoredWithItsMedicinesInOrder() {
        Staff s = Staff.newClinicWithStaff();
        long patient = s.newPatient();
        Map<String, Object> body =
                prescription(patient, List.of(medicine("Paracetamol", 10), medicine("Cetirizine", 5)));
        body.put("doctor", 12345);
        create(s.doctor(), body)
                .then()
                .statusCode(201)
                .body("data.doctor", equalTo((int) s.doctorId()))
                .body("data.status", equalTo("active"))
                .body("data.medicines.medicine_name", contains("Paracetamol", "Cetirizine"))
                .body("data.medicines[0].quantity", equalTo(10))
                .body("data.prescription_date", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void oneInvalidMedicineStoresNothing() throws Exception {
        Staff s = Staff.newClinicWithStaff();
        long patient = s.newPatient();
        Map<String, Object> bad = medicine("Amoxicillin", 0);
        bad.put("refills_allowed", 13);
        create(s.doctor(), prescription(patient, List.of(medicine("Fine", 1), bad)))
                .then()
                .statusCode(400)
                .body("errors", hasKey("medicines[1].quantity"))
                .body("errors", hasKey("medicines[1].refills_allowed"));
        create(s.doctor(), prescription(patient, List.of()))
                .then()
                .statusCode(400)
                .body("errors", hasKey("medicines"));
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add(medicine("M" + i, 1));
        }
        create(s.doctor(), prescription(patient, many)).then().statusCode(400).body("errors", hasKey("medicines"));
        assertEquals(0, rows("prescription", s.clinic()));
        assertEquals(0, rows("medicine", s.clinic()));
    }

    /**
     * Issue 27: a prescription (its row and its medicines) whose Idempotency-Key answer could not be recorded is not
     * kept, so the retry with that key writes it once: never two prescriptions for one request.
     */
    @Test
    void aPrescriptionWhoseAnswerWasNotRecordedIsNotKeptAndItsRetryWritesItOnce() throws Exception {
        Staff s = Staff.newClinicWithStaff();
        long patient = s.newPatient();
        Map<String, Object> body =
                prescription(patient, List.of(medicine("Paracetamol", 10), medicine("Cetirizine", 5)));
        String key = RefusedAnswers.key();
        try (RefusedAnswers refused = RefusedAnswers.install()) {
            Response failed = as(s.doctor())
                    .header("Idempotency-Key", key)
                    .body(body)
                    .post("/api/v1/clinics/{c}/prescriptions/", s.clinic());
            org.junit.jupiter.api.Assertions.assertTrue(failed.statusCode() >= 500, failed.asString());
            assertEquals(0, rows("prescription", s.clinic()));
            assertEquals(0, rows("medicine", s.clinic()));
        }
        for (int i = 0; i < 2; i++) {
            as(s.doctor())
                    .header("Idempotency-Key", key)
                    .body(body)
                    .post("/api/v1/clinics/{c}/prescriptions/", s.clinic())
                    .then()
                    .statusCode(201);
        }
        assertEquals(1, rows("prescription", s.clinic()));
        assertEquals(2, rows("medicine", s.clinic()));
    }

    @Test
    void putReplacesTheMedicinesAndPatchKeepsThem() throws Exception {
        Staff s = Staff.newClinicWithStaff();
        long patient = s.newPatient();
        int id = create(s.doctor(), prescription(patient, List.of(medicine("A", 1), medicine("B", 2))))
                .then()
                .statusCode(201)
                .extract()
                .path("data.id");
        as(s.doctor())
                .body(prescription(patient, List.of(medicine("C", 3))))
                .put("/api/v1/clinics/{c}/prescriptions/{id}/", s.clinic(), id)
                .then()
                .statusCode(200)
                .body("data.medicines.medicine_name", contains("C"));
        as(s.doctor())
                .body(Map.of("status", "completed"))
                .patch("/api/v1/clinics/{c}/prescriptions/{id}/", s.clinic(), id)
                .then()
                .statusCode(200)
                .body("data.status", equalTo("completed"))
                .body("data.medicines.medicine_name", contains("C"));
        as(s.doctor())
                .body(Map.of("medicines", List.of(medicine("D", -1))))
                .patch("/api/v1/clinics/{c}/prescriptions/{id}/", s.clinic(), id)
                .then()
                .statusCode(400)
                .body("errors", hasKey("medicines[0].quantity"));
        assertEquals(1, rows("medicine", s.clinic()));
    }

    @Test
    void ownOnlyAndRoles() {
        Staff s = Staff.newClinicWithStaff();
        long patient = s.newPatient();
        int mine = create(s.doctor(), prescription(patient, List.of(medicine("A", 1))))
                .then()
                .extract()
                .path("data.id");
        Account other = s.anotherDoctor();
        int theirs = create(other, prescription(patient, List.of(medicine("B", 1))))
                .then()
                .extract()
                .path("data.id");
        as(s.doctor())
                .get("/api/v1/clinics/{c}/prescriptions/", s.clinic())
                .then()
                .body("data.id", hasItem(mine))
                .body("data.id", not(hasItem(theirs)));
        as(s.doctor())
                .get("/api/v1/clinics/{c}/prescriptions/{id}/", s.clinic(), theirs)
                .then()
                .statusCode(404);
        as(s.admin())
                .get("/api/v1/clinics/{c}/prescriptions/?patient=" + patient, s.clinic())
                .then()
                .body("pagination.count", equalTo(2))
                .body("data[0].medicines.size()", equalTo(1));
        create(s.admin(), prescription(patient, List.of(medicine("A", 1))))
                .then()
                .statusCode(403);
        as(s.receptionist())
                .get("/api/v1/clinics/{c}/prescriptions/", s.clinic())
                .then()
                .statusCode(403);
        as(s.admin())
                .get("/api/v1/clinics/{c}/prescriptions/?status=paused", s.clinic())
                .then()
                .statusCode(400)
                .body("errors", hasKey("status"));
    }

    @Test
    void aConsultationMustBeTheDoctorsOwnForThatPatient() {
        Staff s = Staff.newClinicWithStaff();
        long patient = s.newPatient();
        Account other = s.anotherDoctor();
        int theirConsultation = as(other)
                .body(Map.of("patient", patient))
                .post("/api/v1/clinics/{c}/consultations/", s.clinic())
                .then()
                .statusCode(201)
                .extract()
                .path("data.id");
        Map<String, Object> body = prescription(patient, List.of(medicine("A", 1)));
        body.put("consultation", theirConsultation);
        create(s.doctor(), body).then().statusCode(400).body("errors", hasKey("consultation"));
        int mine = as(s.doctor())
                .body(Map.of("patient", s.newPatient()))
                .post("/api/v1/clinics/{c}/consultations/", s.clinic())
                .then()
                .statusCode(201)
                .extract()
                .path("data.id");
        body.put("consultation", mine);
        create(s.doctor(), body).then().statusCode(400).body("errors", hasKey("consultation"));
    }

    @Test
    void recordCountsCoverEveryDoctorsRecords() {
        Staff s = Staff.newClinicWithStaff();
        long patient = s.newPatient();
        create(s.doctor(), prescription(patient, List.of(medicine("A", 1))))
                .then()
                .statusCode(201);
        create(s.anotherDoctor(), prescription(patient, List.of(medicine("B", 1))))
                .then()
                .statusCode(201);
        as(s.admin())
                .body(Map.of("patient", patient, "test_name", "HbA1c"))
                .post("/api/v1/clinics/{c}/test-reports/", s.clinic())
                .then()
                .statusCode(201);
        as(s.doctor())
                .get("/api/v1/clinics/{c}/patients/{id}/record-counts/", s.clinic(), patient)
                .then()
                .statusCode(200)
                .body("data.prescriptions", equalTo(2))
                .body("data.test_reports", equalTo(1));
        as(s.receptionist())
                .get("/api/v1/clinics/{c}/patients/{id}/record-counts/", s.clinic(), patient)
                .then()
                .statusCode(403);
    }

    @Test
    void anotherClinicsPrescriptionIsInvisibleAndChangesAreAudited() throws Exception {
        Staff a = Staff.newClinicWithStaff();
        Staff b = Staff.newClinicWithStaff();
        int id = create(a.doctor(), prescription(a.newPatient(), List.of(medicine("A", 1))))
                .then()
                .statusCode(201)
                .extract()
                .path("data.id");
        as(b.admin())
                .get("/api/v1/clinics/{c}/prescriptions/{id}/", b.clinic(), id)
                .then()
                .statusCode(404);
        as(b.doctor())
                .body(Map.of("status", "cancelled"))
                .patch("/api/v1/clinics/{c}/prescriptions/{id}/", b.clinic(), id)
                .then()
                .statusCode(404);
        as(b.admin())
                .get("/api/v1/clinics/{c}/prescriptions/{id}/", a.clinic(), id)
                .then()
                .statusCode(403);
        create(a.doctor(), prescription(b.newPatient(), List.of(medicine("A", 1))))
                .then()
                .statusCode(400)
                .body("errors", hasKey("patient"));

        as(a.doctor())
                .body(Map.of("status", "completed"))
                .patch("/api/v1/clinics/{c}/prescriptions/{id}/", a.clinic(), id)
                .then()
                .statusCode(200);
        try (Connection c = PostgresDatabase.connect();
                ResultSet rs = c.createStatement()
                        .executeQuery("select action, actor_id, changes::text from audit_event"
                                + " where resource_type = 'prescription' and resource_id = " + id + " order by id")) {
            rs.next();
            assertEquals("create", rs.getString(1));
            assertEquals(a.doctor().id(), rs.getLong(2));
            rs.next();
            assertEquals("update", rs.getString(1));
            assertEquals("{status}", rs.getString(3));
        }
    }
}
