package org.clinic.consultations;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.clinic.testing.DoctorsProcess;
import org.clinic.testing.ErrorContract;
import org.clinic.testing.GatewayProcess;
import org.clinic.testing.PatientsProcess;
import org.clinic.testing.PostgresDatabase;

/** API.md §1's answers on the real test reports collection (patients from the real patients-service). */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(GatewayProcess.class)
@QuarkusTestResource(PatientsProcess.class)
@QuarkusTestResource(DoctorsProcess.class)
class ConsultationsErrorContractTest extends ErrorContract {

    private final Map<Long, Staff> clinics = new ConcurrentHashMap<>();

    @Override
    protected String collection(long clinic) {
        return "/api/v1/clinics/" + clinic + "/test-reports/";
    }

    @Override
    protected String table() {
        return "test_report";
    }

    @Override
    protected long newClinic() {
        Staff staff = Staff.newClinicWithStaff();
        clinics.put(staff.clinic(), staff);
        return staff.clinic();
    }

    @Override
    protected RequestSpecification as(long clinic) {
        return given().auth().oauth2(clinics.get(clinic).admin().token());
    }

    @Override
    protected Map<String, Object> validBody(long clinic) {
        return Map.of("patient", clinics.get(clinic).newPatient(), "test_name", "CBC");
    }
}
