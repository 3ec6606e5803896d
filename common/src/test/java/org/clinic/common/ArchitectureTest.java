package org.clinic.common;

import org.clinic.testing.ArchitectureRules;
import org.junit.jupiter.api.Test;

/** The kernel is held to the rules it gives the services: its own exceptions each say why. */
class ArchitectureTest {

    @Test
    void clinicDataIsReachedOnlyThroughTenantScopedRepositories() {
        ArchitectureRules.check("org.clinic.common");
    }
}
