package org.clinic.common.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one spelling of an API path (issue 26), without a server. */
class CanonicalPathsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/api/v1/clinics/7/visits/stream/",
                "/api/v1/clinics/7/visits/stream",
                "/api/v1/clinics/7/doctors/2/queue/stream/",
                "/api/v1/clinics/7/patients/123456789012345678/",
                "/api/v1/clinics/7/patients/5/check_in/",
                "/api/v1/clinics/7/test-reports/",
                "/api/v1/clinics/7/users/me/",
                "/api/v1/clinics/0/",
                "/api/v1/clinics/7/exports/3/files/patients.ndjson",
                "/api/v1/auth/token/",
                "/api/schema/",
                "/api/",
                // outside the API the rule does not apply
                "/q/health/ready",
                "/.well-known/jwks.json",
                "/q//metrics;x"
            })
    void canonicalPathsPass(String path) {
        assertFalse(CanonicalPaths.refused(path), path);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                // matrix parameters
                "/api/v1/clinics/7/visits/stream;x=1",
                "/api/v1/clinics/7/visits/stream;x=1/",
                "/api/v1/clinics/7;x=1/visits/stream/",
                "/api/v1/clinics/7/patients/5/check_in;x/",
                "/api/v1/clinics/7/users/me;jsessionid=1/",
                // encoded slashes, dots, anything encoded
                "/api/v1/clinics/7/visits%2Fstream/",
                "/api/v1/clinics/7/visits%2fstream/",
                "/api/v1/clinics/7/visits/%2E/stream/",
                "/api/v1/clinics/7/visits/%2e%2e/stream/",
                "/api/v1/clinics/7/%70atients/",
                "/api/v1/clinics/7/visits/stream%3Bx/",
                // dot segments
                "/api/v1/clinics/7/visits/./stream/",
                "/api/v1/clinics/7/patients/../visits/stream/",
                "/api/v1/clinics/8/../7/users/me/",
                "/api/v1/clinics/7/users/me/.",
                "/api/v1/clinics/7/users/me/..",
                // empty segments
                "/api/v1/clinics/7//visits/stream/",
                "/api/v1//clinics/7/users/me/",
                "/api//v1/clinics/7/patients/",
                "/api/v1/clinics/7/patients//",
                // ids not in canonical form
                "/api/v1/clinics/07/patients/",
                "/api/v1/clinics/7/doctors/0000000000000000002/queue/stream/",
                "/api/v1/clinics/7/doctors/00/queue/stream/",
                "/api/v1/clinics/7/users/0012/",
                "/api/v1/clinics/7/patients/1234567890123456789/",
                "/api/v1/clinics/99999999999999999999/users/me/",
                // anything else a segment cannot hold
                "/api/v1/clinics/7/patients/+5/",
                "/api/v1/clinics/7/patients/5 /",
                "/api/v1/clinics/7/patients/5\\/",
                "/api/v1/clinics/7/patients/٥/"
            })
    void everyOtherSpellingIsRefused(String path) {
        assertTrue(CanonicalPaths.refused(path), path);
    }
}
