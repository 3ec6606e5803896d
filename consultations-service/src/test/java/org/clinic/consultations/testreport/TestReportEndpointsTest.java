package org.clinic.consultations.testreport;

import static org.clinic.consultations.Staff.as;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import org.clinic.consultations.Staff;
import org.clinic.testing.DoctorsProcess;
import org.clinic.testing.GatewayProcess;
import org.clinic.testing.PatientsProcess;
import org.clinic.testing.PostgresDatabase;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(GatewayProcess.class)
@QuarkusTestResource(PatientsProcess.class)
@QuarkusTestResource(DoctorsProcess.class)
class TestReportEndpointsTest {

    @Test
    void reportsFollowTheRulesAndRoles() {
        Staff s = Staff.newClinicWithStaff();
        long patient = s.newPatient();
        int id = as(s.doctor())
                .body(Map.of(
                        "patient",
                        patient,
                        "test_name",
                        "Haemoglobin",
                        "result",
                        "13.5",
                        "unit",
                        "g/dL",
                        "reference_range",
                        "12-16"))
                .post("/api/v1/clinics/{c}/test-reports/", s.clinic())
                .then()
                .statusCode(201)
                .body("data.status", equalTo("pending"))
                .body("data.report_date", org.hamcrest.Matchers.notNullValue())
                .extract()
                .path("data.id");
        as(s.doctor())
                .body(Map.of("status", "final"))
                .patch("/api/v1/clinics/{c}/test-reports/{id}/", s.clinic(), id)
                .then()
                .statusCode(200)
                .body("data.status", equalTo("final"))
                .body("data.result", equalTo("13.5"));
        as(s.doctor())
                .body(Map.of("status", "draft"))
                .patch("/api/v1/clinics/{c}/test-reports/{id}/", s.clinic(), id)
                .then()
                .statusCode(400)
                .body("errors", hasKey("status"));
        as(s.doctor())
                .body(Map.of("patient", patient))
                .post("/api/v1/clinics/{c}/test-reports/", s.clinic())
                .then()
                .statusCode(400)
                .body("errors", hasKey("test_name"));
        as(s.receptionist())
                .get("/api/v1/clinics/{c}/test-reports/", s.clinic())
                .then()
                .statusCode(403);
        as(s.doctor())
                .delete("/api/v1/clinics/{c}/test-reports/{id}/", s.clinic(), id)
                .then()
                .statusCode(403);
        as(s.admin())
                .delete("/api/v1/clinics/{c}/test-reports/{id}/", s.clinic(), id)
                .then()
                .statusCode(204);
        as(s.admin())
                .get("/api/v1/clinics/{c}/test-reports/{id}/", s.clinic(), id)
                .then()
                .statusCode(404);
        as(s.admin())
                .get("/api/v1/clinics/{c}/test-reports/?patient=" + patient, s.clinic())
                .then()
                .body("pagination.count", equalTo(0));
    }

    @Test
    void anotherClinicsPatientOrReportIsRefused() {
        Staff a = Staff.newClinicWithStaff();
        Staff b = Staff.newClinicWithStaff();
        as(a.doctor())
                .body(Map.of("patient", b.newPatient(), "test_name", "CBC"))
                .post("/api/v1/clinics/{c}/test-reports/", a.clinic())
                .then()
                .statusCode(400)
                .body("errors", hasKey("patient"));
        int id = as(a.doctor())
                .body(Map.of("patient", a.newPatient(), "test_name", "CBC"))
                .post("/api/v1/clinics/{c}/test-reports/", a.clinic())
                .then()
                .statusCode(201)
                .extract()
                .path("data.id");
        as(b.admin())
                .get("/api/v1/clinics/{c}/test-reports/{id}/", b.clinic(), id)
                .then()
                .statusCode(404);
        as(b.admin())
                .delete("/api/v1/clinics/{c}/test-reports/{id}/", b.clinic(), id)
                .then()
                .statusCode(404);
        as(b.admin())
                .get("/api/v1/clinics/{c}/test-reports/{id}/", a.clinic(), id)
                .then()
                .statusCode(403);
    }
}
