package org.clinic.e2e;

import static io.restassured.RestAssured.given;
import static org.clinic.testing.GatewayAccounts.newClinic;
import static org.clinic.testing.GatewayAccounts.newUser;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.clinic.testing.Created;
import org.clinic.testing.GatewayAccounts.Account;

/**
 * A clinic with staff and one record of every kind, all made through the gateway as the
 * front-end apps would make them.
 */
record World(
        long clinic,
        Account admin,
        Account doctor,
        Account receptionist,
        long doctorId,
        long patient,
        long visit,
        long consultation,
        long prescription,
        long testReport) {

    static RequestSpecification as(Account account) {
        return given().baseUri(Suite.gateway()).auth().oauth2(account.token()).contentType(ContentType.JSON);
    }

    static World create() {
        long clinic = newClinic();
        Account admin = newUser(clinic, "admin");
        Account doctor = newUser(clinic, "doctor");
        Account receptionist = newUser(clinic, "receptionist");
        long doctorId = id(as(admin)
                .body(Map.of("user", doctor.id(), "license_number", "L-" + UUID.randomUUID()))
                .post("/api/v1/clinics/{c}/doctors/", clinic));
        long patient = newPatient(clinic, receptionist);
        long visit = as(receptionist)
                .body(Map.of("purpose", "Fever", "doctor", doctorId))
                .post("/api/v1/clinics/{c}/patients/{p}/check_in/", clinic, patient)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("data.visit_id");
        long consultation = id(as(doctor)
                .body(Map.of("patient", patient, "visit", visit, "chief_complaint", "Fever for two days"))
                .post("/api/v1/clinics/{c}/consultations/", clinic));
        long prescription = id(as(doctor)
                .body(Map.of(
                        "patient",
                        patient,
                        "consultation",
                        consultation,
                        "medicines",
                        List.of(Map.of(
                                "medicine_name", "Paracetamol",
                                "dosage", "500 mg",
                                "frequency", "twice a day",
                                "duration", "3 days",
                                "route", "oral",
                                "quantity", 6,
                                "refills_allowed", 0))))
                .post("/api/v1/clinics/{c}/prescriptions/", clinic));
        long testReport = id(as(doctor)
                .body(Map.of("patient", patient, "test_name", "CBC"))
                .post("/api/v1/clinics/{c}/test-reports/", clinic));
        return new World(
                clinic, admin, doctor, receptionist, doctorId, patient, visit, consultation, prescription, testReport);
    }

    /** Another patient of this clinic (Ravi Kumar again, as the desk would register him), without a visit. */
    long newPatient() {
        return newPatient(clinic, receptionist);
    }

    static long newPatient(long clinic, Account receptionist) {
        return id(as(receptionist)
                .body(Map.of(
                        "patient_name", "Ravi Kumar",
                        "date_of_birth", "1980-02-14",
                        "gender", "M",
                        "phone_number", "9876501234"))
                .post("/api/v1/clinics/{c}/patients/", clinic));
    }

    private static long id(io.restassured.response.Response created) {
        return Created.id(created);
    }

    /** Every clinic route of API.md §2–§3, §7 (streams, the board) and §8 so far, with this world's ids, as {method, path}. */
    List<String[]> routes() {
        String base = "/api/v1/clinics/" + clinic + "/";
        return List.of(
                new String[] {"GET", base},
                new String[] {"PUT", base},
                new String[] {"PATCH", base},
                new String[] {"GET", base + "users/"},
                new String[] {"POST", base + "users/"},
                new String[] {"GET", base + "users/me/"},
                new String[] {"GET", base + "users/" + doctor.id() + "/"},
                new String[] {"PUT", base + "users/" + doctor.id() + "/"},
                new String[] {"PATCH", base + "users/" + doctor.id() + "/"},
                new String[] {"DELETE", base + "users/" + doctor.id() + "/"},
                new String[] {"GET", base + "patients/"},
                new String[] {"POST", base + "patients/"},
                new String[] {"GET", base + "patients/" + patient + "/"},
                new String[] {"PUT", base + "patients/" + patient + "/"},
                new String[] {"PATCH", base + "patients/" + patient + "/"},
                new String[] {"DELETE", base + "patients/" + patient + "/"},
                new String[] {"GET", base + "patients/" + patient + "/medical_history/"},
                new String[] {"POST", base + "patients/" + patient + "/check_in/"},
                new String[] {"GET", base + "doctors/"},
                new String[] {"POST", base + "doctors/"},
                new String[] {"GET", base + "doctors/" + doctorId + "/"},
                new String[] {"PUT", base + "doctors/" + doctorId + "/"},
                new String[] {"PATCH", base + "doctors/" + doctorId + "/"},
                new String[] {"DELETE", base + "doctors/" + doctorId + "/"},
                new String[] {"GET", base + "doctors/" + doctorId + "/queue/"},
                new String[] {"GET", base + "doctors/" + doctorId + "/queue/stream/"},
                new String[] {"POST", base + "doctors/" + doctorId + "/queue/call-next/"},
                new String[] {"GET", base + "visits/"},
                new String[] {"POST", base + "visits/"},
                new String[] {"GET", base + "visits/" + visit + "/"},
                new String[] {"PATCH", base + "visits/" + visit + "/"},
                new String[] {"POST", base + "visits/" + visit + "/transition/"},
                new String[] {"GET", base + "visits/" + visit + "/history/"},
                new String[] {"GET", base + "visits/stream/"},
                new String[] {"GET", base + "queue-board/"},
                new String[] {"GET", base + "queue-board/stream/"},
                new String[] {"GET", base + "consultations/"},
                new String[] {"POST", base + "consultations/"},
                new String[] {"GET", base + "consultations/" + consultation + "/"},
                new String[] {"PUT", base + "consultations/" + consultation + "/"},
                new String[] {"PATCH", base + "consultations/" + consultation + "/"},
                new String[] {"GET", base + "prescriptions/"},
                new String[] {"POST", base + "prescriptions/"},
                new String[] {"GET", base + "prescriptions/" + prescription + "/"},
                new String[] {"PUT", base + "prescriptions/" + prescription + "/"},
                new String[] {"PATCH", base + "prescriptions/" + prescription + "/"},
                new String[] {"GET", base + "test-reports/"},
                new String[] {"POST", base + "test-reports/"},
                new String[] {"GET", base + "test-reports/" + testReport + "/"},
                new String[] {"PUT", base + "test-reports/" + testReport + "/"},
                new String[] {"PATCH", base + "test-reports/" + testReport + "/"},
                new String[] {"DELETE", base + "test-reports/" + testReport + "/"},
                new String[] {"GET", base + "audit-events/"},
                new String[] {"GET", base + "analytics/dashboard/"},
                new String[] {"GET", base + "reports/daily/"});
    }
}
