package org.clinic.doctors.security;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.clinic.testing.PostgresDatabase;
import org.clinic.testing.RowLevelSecurityContract;
import org.clinic.testing.RowLevelSecurityTests;

/** PostgreSQL holds the doctors-service's run-time role to the request's clinic (docs/security/tenant-isolation.md). */
@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class RowLevelSecurityTest extends RowLevelSecurityTests {

    @Override
    protected Map<String, String> inserts() {
        Map<String, String> inserts = new LinkedHashMap<>();
        inserts.put(
                "doctor",
                "insert into doctor (clinic_id, user_id, user_name, license_number) values (%d, 1, 'Dr Probe', 'L-1')");
        inserts.put(
                "visit",
                "insert into visit (clinic_id, patient_id, patient_name, token_number, visit_day, check_in_date,"
                        + " updated_at) values (%d, 1, 'Probe Patient', 1, current_date, now(), now())");
        inserts.put(
                "visit_token_counter",
                "insert into visit_token_counter (clinic_id, day, last_token) values (%d, current_date, 1)");
        inserts.put("visit_event_counter", "insert into visit_event_counter (clinic_id, last_id) values (%d, 1)");
        inserts.put(
                "visit_event",
                "insert into visit_event (clinic_id, event_id, type, visit_id, payload)"
                        + " values (%d, 1, 'visit.checked_in', 1, '{}')");
        inserts.putAll(RowLevelSecurityContract.kernelTables());
        return inserts;
    }

    @Override
    protected String ownTable() {
        return "doctor";
    }
}
