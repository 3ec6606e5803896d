package org.clinic.common.tenancy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Where a token minted on a user's behalf may go: the refresh and the user read it makes, nowhere else. */
class OnBehalfTest {

    @Test
    void onlyTheRefreshAndTheUserReadItMakes() {
        assertTrue(OnBehalf.allows("POST", "/api/v1/clinics/7/doctors/refresh-user/"));
        assertTrue(OnBehalf.allows("POST", "api/v1/clinics/7/doctors/refresh-user"));
        assertTrue(OnBehalf.allows("GET", "/api/v1/clinics/7/users/12/"));

        assertFalse(OnBehalf.allows("GET", "/api/v1/clinics/7/doctors/refresh-user/"));
        assertFalse(OnBehalf.allows("POST", "/api/v1/clinics/7/users/12/"));
        assertFalse(OnBehalf.allows("PATCH", "/api/v1/clinics/7/users/12/"));
        assertFalse(OnBehalf.allows("GET", "/api/v1/clinics/7/users/"));
        assertFalse(OnBehalf.allows("GET", "/api/v1/clinics/7/patients/1/"));
        assertFalse(OnBehalf.allows("GET", "/api/v1/clinics/07/users/12/"));
        assertFalse(OnBehalf.allows("GET", "/api/v1/clinics/7/users/12/extra/"));
        assertFalse(OnBehalf.allows("GET", "/api/v1/clinics/"));
        assertFalse(OnBehalf.allows("POST", "/api/v1/clinics/7/doctors/refresh-user/x"));
    }
}
