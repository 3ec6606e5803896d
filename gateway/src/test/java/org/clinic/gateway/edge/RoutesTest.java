package org.clinic.gateway.edge;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.Optional;
import org.clinic.gateway.edge.Routes.Kind;
import org.clinic.gateway.edge.Routes.ReadTarget;
import org.clinic.gateway.edge.Routes.Service;
import org.junit.jupiter.api.Test;

/** The gateway's route table alone: owner, kind and the record a superuser's read is audited as. */
class RoutesTest {

    @Test
    void eachFamilyGoesToItsOwner() {
        assertThat(Routes.serviceOf("/api/v1/clinics/3/patients/"), equalTo(Service.PATIENTS));
        assertThat(Routes.serviceOf("/api/v1/clinics/{clinic_id}/patients/{id}/"), equalTo(Service.PATIENTS));
        assertThat(Routes.serviceOf("/api/v1/clinics/3/queue-board/"), equalTo(Service.DOCTORS));
        assertThat(Routes.serviceOf("/api/v1/clinics/3/visits/9/"), equalTo(Service.DOCTORS));
        assertThat(Routes.serviceOf("/api/v1/clinics/3/test-reports/"), equalTo(Service.CONSULTATIONS));
        // a check-in is a patient's path answered where visits live; the patient's other paths stay with patients
        assertThat(Routes.serviceOf("/api/v1/clinics/{clinic_id}/patients/{id}/check_in/"), equalTo(Service.DOCTORS));
        var checkIn =
                Routes.match("POST", "/api/v1/clinics/3/patients/7/check_in/").orElseThrow();
        assertThat(checkIn.service(), equalTo(Service.DOCTORS));
        assertThat(checkIn.resource(), equalTo("patients"));
        assertThat(Routes.serviceOf("/api/v1/clinics/3/patients/7/check_in/x/"), equalTo(Service.PATIENTS));
        assertThat(Routes.serviceOf("/api/v1/clinics/3/patients/7/medical_history/"), equalTo(Service.PATIENTS));
        // the gateway's own
        assertThat(Routes.serviceOf("/api/v1/clinics/3/users/"), equalTo(null));
        assertThat(Routes.serviceOf("/api/v1/clinics/3/"), equalTo(null));
        assertThat(Routes.match("GET", "/api/v1/clinics/3/patientsx/"), equalTo(Optional.empty()));
    }

    @Test
    void onlyAGetOfAStreamPathIsAStream() {
        assertThat(
                Routes.match("GET", "/api/v1/clinics/3/visits/stream/")
                        .orElseThrow()
                        .kind(),
                equalTo(Kind.STREAM));
        assertThat(
                Routes.match("GET", "/api/v1/clinics/3/visits/stream")
                        .orElseThrow()
                        .kind(),
                equalTo(Kind.STREAM));
        assertThat(
                Routes.match("GET", "/api/v1/clinics/3/doctors/4/queue/stream/")
                        .orElseThrow()
                        .kind(),
                equalTo(Kind.STREAM));
        assertThat(
                Routes.match("GET", "/api/v1/clinics/3/queue-board/stream/")
                        .orElseThrow()
                        .kind(),
                equalTo(Kind.STREAM));
        assertThat(
                Routes.match("POST", "/api/v1/clinics/3/visits/stream/")
                        .orElseThrow()
                        .kind(),
                equalTo(Kind.REQUEST));
        assertThat(
                Routes.match("GET", "/api/v1/clinics/3/visits/").orElseThrow().kind(), equalTo(Kind.REQUEST));
    }

    @Test
    void aSuperusersReadIsAuditedAsTheRecordItNames() {
        assertThat(
                Routes.readTarget(3, "/api/v1/clinics/3/patients/42/medical_history/"),
                equalTo(new ReadTarget("patient", 42L)));
        assertThat(Routes.readTarget(3, "/api/v1/clinics/3/users/5/"), equalTo(new ReadTarget("user", 5L)));
        assertThat(
                Routes.readTarget(3, "/api/v1/clinics/3/test-reports/"), equalTo(new ReadTarget("test_report", null)));
        assertThat(Routes.readTarget(3, "/api/v1/clinics/3/queue-board/"), equalTo(new ReadTarget("visit", null)));
        assertThat(Routes.readTarget(3, "/api/v1/clinics/3/"), equalTo(new ReadTarget("clinic", 3L)));
        assertThat(Routes.readTarget(3, "/api/v1/clinics/3/dashboard/"), equalTo(new ReadTarget("clinic", 3L)));
    }

    @Test
    void anIdThatIsNoRecordsNamesTheKindAloneNeverAFailure() {
        // 20 digits fit no long, other scripts' digits are no id: the read is of patients (the service answers
        // 404), never a 500 at the audit
        ReadTarget patients = new ReadTarget("patient", null);
        assertThat(Routes.readTarget(3, "/api/v1/clinics/3/patients/12345678901234567890/"), equalTo(patients));
        assertThat(Routes.readTarget(3, "/api/v1/clinics/3/patients/\u0665/"), equalTo(patients));
        assertThat(Routes.readTarget(3, "/api/v1/clinics/3/patients/12abc/"), equalTo(patients));
        assertThat(
                Routes.readTarget(3, "/api/v1/clinics/3/patients/123456789012345678/"),
                equalTo(new ReadTarget("patient", 123456789012345678L)));
    }
}
