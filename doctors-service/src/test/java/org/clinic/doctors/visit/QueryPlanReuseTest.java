package org.clinic.doctors.visit;

import static org.clinic.doctors.TestClinics.as;
import static org.clinic.doctors.TestClinics.newClinicWithStaff;
import static org.clinic.doctors.TestClinics.newPatient;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import java.util.UUID;
import org.clinic.doctors.TestClinics.Clinic;
import org.clinic.testing.GatewayProcess;
import org.clinic.testing.PatientsProcess;
import org.clinic.testing.PostgresDatabase;
import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

/**
 * Every statement of a check-in, a visit change and a list reuses the query plan Hibernate made for it the first
 * time. A statement whose plan is made again for every call (Hibernate keys a native select's plan by an object that
 * equals no other, so each call adds an entry beside the same SQL's others) cost a profiled check-in 11 % of
 * doctors-service's CPU, in lookups that walked the colliding entries (issue 25).
 */
@QuarkusTest
@TestProfile(QueryPlanReuseTest.WithStatistics.class)
@QuarkusTestResource(PostgresDatabase.class)
@QuarkusTestResource(GatewayProcess.class)
@QuarkusTestResource(PatientsProcess.class)
class QueryPlanReuseTest {

    public static class WithStatistics implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.hibernate-orm.statistics", "true");
        }
    }

    @Inject
    Mutiny.SessionFactory sessions;

    private static void checkInAndChange(Clinic c) {
        long patient = newPatient(c.receptionist());
        long visit = as(c.receptionist())
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .body(Map.of("purpose", "Fever", "doctor", c.doctorId()))
                .post("/api/v1/clinics/{c}/patients/{id}/check_in/", c.id(), patient)
                .then()
                .statusCode(201)
                .extract()
                .jsonPath()
                .getLong("data.visit_id");
        as(c.doctor())
                .body(Map.of("status", "in_consultation"))
                .post("/api/v1/clinics/{c}/visits/{id}/transition/", c.id(), visit)
                .then()
                .statusCode(200);
        as(c.receptionist())
                .get("/api/v1/clinics/{c}/visits/?doctor={d}", c.id(), c.doctorId())
                .then()
                .statusCode(200);
    }

    @Test
    void aCheckInsStatementsAreNotPlannedAgain() {
        Statistics statistics = sessions.getStatistics();
        Clinic c = newClinicWithStaff();
        checkInAndChange(c);
        checkInAndChange(c);
        long misses = statistics.getQueryPlanCacheMissCount();
        long hits = statistics.getQueryPlanCacheHitCount();
        for (int i = 0; i < 4; i++) {
            checkInAndChange(c);
        }
        assertEquals(
                misses,
                statistics.getQueryPlanCacheMissCount(),
                "statements planned again after the first two rounds (hits went " + hits + " -> "
                        + statistics.getQueryPlanCacheHitCount() + ")");
    }
}
