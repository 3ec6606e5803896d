package org.clinic.doctors;

import org.clinic.testing.HealthContract;
import org.clinic.testing.PostgresDatabase;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class DoctorsHealthTest extends HealthContract {
}
