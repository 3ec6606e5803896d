package org.clinic.doctors;

import org.clinic.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void clinicDataIsReachedOnlyThroughTenantScopedRepositories() {
        ArchitectureRules.check("org.clinic.doctors");
    }
}
