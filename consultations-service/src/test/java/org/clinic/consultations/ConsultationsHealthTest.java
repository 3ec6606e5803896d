package org.clinic.consultations;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.clinic.testing.HealthContract;
import org.clinic.testing.PostgresDatabase;

@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class ConsultationsHealthTest extends HealthContract {}
