package org.clinic.consultations;

import org.clinic.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    @Test
    void clinicDataIsReachedOnlyThroughTenantScopedRepositories() {
        ArchitectureRules.check("org.clinic.consultations");
    }
}
