package org.clinic.doctors;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.clinic.testing.HealthContract;
import org.clinic.testing.PostgresDatabase;

@QuarkusTest
@QuarkusTestResource(PostgresDatabase.class)
class DoctorsHealthTest extends HealthContract {}
