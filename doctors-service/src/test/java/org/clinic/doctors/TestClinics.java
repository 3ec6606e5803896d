package org.clinic.doctors;

import static io.restassured.RestAssured.given;
import static org.clinic.testing.GatewayAccounts.newClinic;
import static org.clinic.testing.GatewayAccounts.newUser;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;
import org.clinic.testing.Created;
import org.clinic.testing.GatewayAccounts.Account;
import org.clinic.testing.PatientsProcess;

/** Clinics with staff, doctor profiles and patients, made through the real gateway and patients-service. */
public final class TestClinics {

    /** A clinic with its staff and one doctor profile. */
    public record Clinic(long id, Account admin, Account receptionist, Account doctor, long doctorId) {}

    private TestClinics() {}

    public static RequestSpecification as(Account account) {
        return given().auth().oauth2(account.token()).contentType(ContentType.JSON);
    }

    public static Clinic newClinicWithStaff() {
        return newClinicWithStaff(org.clinic.testing.TestZones.clinicZone());
    }

    /** A clinic in this zone, with an admin, a doctor with a profile and a receptionist. */
    public static Clinic newClinicWithStaff(String zone) {
        long id = newClinic(zone);
        Account admin = newUser(id, "admin");
        Account doctor = newUser(id, "doctor");
        long doctorId = doctorProfile(admin, doctor);
        return new Clinic(id, admin, newUser(id, "receptionist"), doctor, doctorId);
    }

    public static long doctorProfile(Account admin, Account doctorUser) {
        return Created.id(as(admin)
                .body(Map.of("user", doctorUser.id(), "license_number", "L-" + UUID.randomUUID()))
                .post("/api/v1/clinics/{c}/doctors/", admin.clinicId()));
    }

    /** A new patient of the receptionist's clinic, in patients-service. */
    public static long newPatient(Account receptionist) {
        return Created.id(given().baseUri(PatientsProcess.url())
                .auth()
                .oauth2(receptionist.token())
                .contentType(ContentType.JSON)
                .body(Map.of(
                        "patient_name",
                        "Patient " + UUID.randomUUID().toString().substring(0, 6),
                        "date_of_birth",
                        "1990-01-01",
                        "gender",
                        "M",
                        "phone_number",
                        "9876543210"))
                .post("/api/v1/clinics/{c}/patients/", receptionist.clinicId()));
    }

    /** A new patient of the clinic checked in by its desk ({@code doctor} and {@code priority} may be null): the visit. */
    public static long waitingVisit(Clinic c, Long doctor, String priority) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("patient", newPatient(c.receptionist()));
        if (doctor != null) {
            body.put("doctor", doctor);
        }
        if (priority != null) {
            body.put("priority", priority);
        }
        return Created.id(as(c.receptionist()).body(body).post("/api/v1/clinics/{c}/visits/", c.id()));
    }
}
