package org.clinic.patients.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.RowLevelSecurityContract;
import org.clinic.testing.RowLevelSecurityTests;

/** PostgreSQL holds the patients-service's run-time role to the request's clinic (docs/security/tenant-isolation.md). */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class RowLevelSecurityTest extends RowLevelSecurityTests {

    @Override
    protected Map<String, String> inserts() {
        Map<String, String> inserts = new LinkedHashMap<>();
        // the counter row first, as a create takes it first: a patient's insert then updates its live count (V4)
        inserts.put(
                "patient_number_counter", "insert into patient_number_counter (clinic_id, last_number) values (%d, 1)");
        inserts.put(
                "patient",
                "insert into patient (clinic_id, patient_id, patient_name, date_of_birth, gender, phone_number)"
                        + " values (%d, 'P-%d', 'Probe Patient', '1990-01-01', 'F', '9000000001')");
        inserts.putAll(RowLevelSecurityContract.kernelTables());
        return inserts;
    }

    @Override
    protected String ownTable() {
        return "patient";
    }
}
