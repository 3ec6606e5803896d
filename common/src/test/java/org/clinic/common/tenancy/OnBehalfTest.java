package org.clinic.common.tenancy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Where a token minted on a user's behalf may go: the refresh and the user read it makes, nowhere else. */
class OnBehalfTest {

    @Test
    void onlyTheRefreshAndTheUserReadItMakes() {
        assertTrue(allowsRename("POST", "/api/v1/clinics/7/doctors/refresh-user/"));
        assertTrue(allowsRename("POST", "api/v1/clinics/7/doctors/refresh-user"));
        assertTrue(allowsRename("GET", "/api/v1/clinics/7/users/12/"));

        assertFalse(allowsRename("GET", "/api/v1/clinics/7/doctors/refresh-user/"));
        assertFalse(allowsRename("POST", "/api/v1/clinics/7/users/12/"));
        assertFalse(allowsRename("PATCH", "/api/v1/clinics/7/users/12/"));
        assertFalse(allowsRename("GET", "/api/v1/clinics/7/users/"));
        assertFalse(allowsRename("GET", "/api/v1/clinics/7/patients/1/"));
        assertFalse(allowsRename("GET", "/api/v1/clinics/07/users/12/"));
        assertFalse(allowsRename("GET", "/api/v1/clinics/7/users/12/extra/"));
        assertFalse(allowsRename("GET", "/api/v1/clinics/"));
        assertFalse(allowsRename("POST", "/api/v1/clinics/7/doctors/refresh-user/x"));
    }

    @Test
    void anExportsTokenWritesExportFilesAndNothingElse() {
        assertTrue(OnBehalf.allows("POST", "/api/v1/clinics/7/export-files/3/patients/", OnBehalf.EXPORT));
        assertTrue(OnBehalf.allows("POST", "/api/v1/clinics/7/export-files/3/test_reports", OnBehalf.EXPORT));
        assertTrue(OnBehalf.allows("GET", "/api/v1/clinics/7/export-files/3/patients/0", OnBehalf.EXPORT));
        assertTrue(OnBehalf.allows("GET", "/api/v1/clinics/7/export-files/3/audit_events/12/", OnBehalf.EXPORT));
        assertFalse(OnBehalf.allows("GET", "/api/v1/clinics/7/export-files/3/patients/", OnBehalf.EXPORT));
        assertFalse(OnBehalf.allows("GET", "/api/v1/clinics/7/export-files/3/patients/01", OnBehalf.EXPORT));
        assertFalse(OnBehalf.allows("DELETE", "/api/v1/clinics/7/export-files/3/patients/0", OnBehalf.EXPORT));
        assertFalse(OnBehalf.allows("GET", "/api/v1/clinics/7/export-files/3/patients/0", OnBehalf.RENAME));
        assertFalse(OnBehalf.allows("POST", "/api/v1/clinics/7/doctors/refresh-user/", OnBehalf.EXPORT));
        assertFalse(OnBehalf.allows("GET", "/api/v1/clinics/7/users/12/", OnBehalf.EXPORT));
        assertFalse(OnBehalf.allows("POST", "/api/v1/clinics/7/export-files/3/patients/", OnBehalf.RENAME));
        assertFalse(OnBehalf.allows("POST", "/api/v1/clinics/7/export-files/3/patients/", "anything"));
        assertFalse(OnBehalf.allows("POST", "/api/v1/clinics/7/doctors/refresh-user/", "anything"));
        assertFalse(OnBehalf.allows("POST", "/api/v1/clinics/7/export-files/3/../patients/", OnBehalf.EXPORT));
    }

    private static boolean allowsRename(String method, String path) {
        return OnBehalf.allows(method, path, OnBehalf.RENAME);
    }
}
