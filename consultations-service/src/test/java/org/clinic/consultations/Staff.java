package org.clinic.consultations;

import static io.restassured.RestAssured.given;
import static org.clinic.testing.GatewayAccounts.newClinic;
import static org.clinic.testing.GatewayAccounts.newUser;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.clinic.testing.Created;
import org.clinic.testing.DoctorsProcess;
import org.clinic.testing.GatewayAccounts.Account;
import org.clinic.testing.PatientsProcess;

/** A fresh clinic with its staff, doctor profiles and patients, made through the real services. */
public record Staff(long clinic, Account admin, Account receptionist, Account doctor, long doctorId) {

    public static Staff newClinicWithStaff() {
        long id = newClinic();
        Account admin = newUser(id, "admin");
        Account doctor = newUser(id, "doctor");
        return new Staff(id, admin, newUser(id, "receptionist"), doctor, profile(admin, doctor));
    }

    /** Another doctor of the same clinic, with a profile. */
    public Account anotherDoctor() {
        Account other = newUser(clinic, "doctor");
        profile(admin, other);
        return other;
    }

    public static long profile(Account admin, Account doctor) {
        return Created.id(given().baseUri(DoctorsProcess.url())
                .auth()
                .oauth2(admin.token())
                .contentType(ContentType.JSON)
                .body(Map.of("user", doctor.id(), "license_number", "L-" + UUID.randomUUID()))
                .post("/api/v1/clinics/{c}/doctors/", admin.clinicId()));
    }

    public long newPatient() {
        return Created.id(given().baseUri(PatientsProcess.url())
                .auth()
                .oauth2(receptionist.token())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "patient_name",
                        "Patient " + UUID.randomUUID().toString().substring(0, 6),
                        "date_of_birth",
                        "1985-05-05",
                        "gender",
                        "F",
                        "phone_number",
                        "9811122233"))
                .post("/api/v1/clinics/{c}/patients/", clinic));
    }

    /** A waiting visit of the patient, checked in at doctors-service. */
    public long checkIn(long patient) {
        return Created.id(given().baseUri(DoctorsProcess.url())
                .auth()
                .oauth2(receptionist.token())
                .contentType(ContentType.JSON)
                .body(Map.of("patient", patient, "purpose", "Consult"))
                .post("/api/v1/clinics/{c}/visits/", clinic));
    }

    public String visitStatus(long visit) {
        return given().baseUri(DoctorsProcess.url())
                .auth()
                .oauth2(admin.token())
                .get("/api/v1/clinics/{c}/visits/{id}/", clinic, visit)
                .then()
                .statusCode(200)
                .extract()
                .path("data.status");
    }

    public static RequestSpecification as(Account account) {
        return given().auth().oauth2(account.token()).contentType(ContentType.JSON);
    }
}
