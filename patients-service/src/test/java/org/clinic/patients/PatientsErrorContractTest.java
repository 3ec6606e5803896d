package org.clinic.patients;

import static io.restassured.RestAssured.given;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.clinic.testing.ErrorContract;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.TestTokens;

/** API.md §1's answers on the real patients collection. */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class PatientsErrorContractTest extends ErrorContract {

    private static final AtomicLong NEXT_CLINIC = new AtomicLong(5_000_000 + System.nanoTime() % 1_000_000);

    @Override
    protected String collection(long clinic) {
        return "/api/v1/clinics/" + clinic + "/patients/";
    }

    /** The unfiltered list of a clinic without patients reads only its count (V4); a search reads the table. */
    @Override
    protected String readingTheTable(long clinic) {
        return collection(clinic) + "?search=Contract";
    }

    @Override
    protected String table() {
        return "patient";
    }

    @Override
    protected long newClinic() {
        return NEXT_CLINIC.incrementAndGet();
    }

    @Override
    protected RequestSpecification as(long clinic) {
        return given().auth().oauth2(TestTokens.clinicUser(clinic, 7, "receptionist"));
    }

    @Override
    protected Map<String, Object> validBody(long clinic) {
        return Map.of(
                "patient_name", "Contract Patient",
                "date_of_birth", "1990-01-01",
                "gender", "F",
                "phone_number", "9876500001");
    }
}
