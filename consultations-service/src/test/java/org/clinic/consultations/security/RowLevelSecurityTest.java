package org.clinic.consultations.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.RowLevelSecurityContract;
import org.clinic.testing.RowLevelSecurityTests;

/** PostgreSQL holds the consultations-service's run-time role to the request's clinic (docs/security/tenant-isolation.md). */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class RowLevelSecurityTest extends RowLevelSecurityTests {

    @Override
    protected Map<String, String> inserts() {
        Map<String, String> inserts = new LinkedHashMap<>();
        inserts.put(
                "consultation",
                "insert into consultation (clinic_id, patient_id, patient_name, doctor_id, doctor_name, created_at,"
                        + " updated_at) values (%d, 1, 'Probe Patient', 1, 'Dr Probe', now(), now())");
        inserts.put(
                "prescription",
                "insert into prescription (clinic_id, patient_id, patient_name, doctor_id, doctor_name,"
                        + " prescription_date, created_at, updated_at)"
                        + " values (%d, 1, 'Probe Patient', 1, 'Dr Probe', current_date, now(), now())");
        // the prescription it hangs from is any the caller can see (the foreign key does not look at clinics)
        inserts.put(
                "medicine",
                "insert into medicine (clinic_id, prescription_id, position, medicine_name, quantity)"
                        + " values (%d, (select min(id) from prescription), 1, 'Probe Medicine', 1)");
        inserts.put(
                "test_report",
                "insert into test_report (clinic_id, patient_id, test_name, report_date, created_at, updated_at)"
                        + " values (%d, 1, 'Probe Test', current_date, now(), now())");
        inserts.putAll(RowLevelSecurityContract.kernelTables());
        return inserts;
    }

    @Override
    protected String ownTable() {
        return "consultation";
    }
}
