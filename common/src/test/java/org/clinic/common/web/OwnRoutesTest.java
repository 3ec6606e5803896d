package org.clinic.common.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which method of a known path is a 405, and what {@code Allow} then says (API.md §1). */
class OwnRoutesTest {

    private static final String DOCUMENT = """
            {"paths": {
              "/api/v1/clinics/{clinic_id}/users": {"get": {}, "post": {}, "parameters": []},
              "/api/v1/clinics/{clinic_id}/users/me": {"get": {}},
              "/api/v1/clinics/{clinic_id}/users/{id}": {"get": {}, "put": {}, "patch": {}, "delete": {}},
              "/api/v1/clinics/{clinic_id}/analytics/dashboard": {"get": {}},
              "/api/v1/clinics/{clinic_id}/exports/{id}/files/{resource}.ndjson": {"get": {}}
            }}""";

    private final List<OwnRoutes.Route> routes = routes();

    private static List<OwnRoutes.Route> routes() {
        try {
            return OwnRoutes.parse(new ObjectMapper().readTree(DOCUMENT));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMethodThePathDoesNotServeIsAnsweredWithTheOnesItDoes() {
        assertEquals("GET", OwnRoutes.allowIfNotAllowed(routes, "DELETE", "/api/v1/clinics/7/analytics/dashboard/"));
        assertEquals("GET", OwnRoutes.allowIfNotAllowed(routes, "POST", "/api/v1/clinics/7/analytics/dashboard"));
        assertEquals("GET, POST", OwnRoutes.allowIfNotAllowed(routes, "DELETE", "/api/v1/clinics/7/users/"));
        assertEquals(
                "DELETE, GET, PATCH, PUT", OwnRoutes.allowIfNotAllowed(routes, "POST", "/api/v1/clinics/7/users/9/"));
    }

    @Test
    void aLiteralSegmentWinsOverATemplate() {
        assertEquals("GET", OwnRoutes.allowIfNotAllowed(routes, "DELETE", "/api/v1/clinics/7/users/me/"));
        assertNull(OwnRoutes.allowIfNotAllowed(routes, "DELETE", "/api/v1/clinics/7/users/8/"));
    }

    @Test
    void anAllowedMethodOrAnUnknownPathIsNoneOfItsBusiness() {
        assertNull(OwnRoutes.allowIfNotAllowed(routes, "GET", "/api/v1/clinics/7/users/"));
        assertNull(OwnRoutes.allowIfNotAllowed(routes, "HEAD", "/api/v1/clinics/7/users/"));
        assertNull(OwnRoutes.allowIfNotAllowed(routes, "DELETE", "/api/v1/clinics/7/nothing/"));
        assertNull(OwnRoutes.allowIfNotAllowed(routes, "DELETE", "/api/v1/clinics/7/users/8/extra/"));
        assertNull(OwnRoutes.allowIfNotAllowed(routes, "DELETE", "/api/v1/clinics//users/"));
    }

    @Test
    void aParameterWithALiteralAroundItIsStillAParameter() {
        assertEquals(
                "GET",
                OwnRoutes.allowIfNotAllowed(routes, "POST", "/api/v1/clinics/7/exports/3/files/patients.ndjson/"));
        assertNull(OwnRoutes.allowIfNotAllowed(routes, "POST", "/api/v1/clinics/7/exports/3/files/patients.csv/"));
        assertNull(OwnRoutes.allowIfNotAllowed(routes, "POST", "/api/v1/clinics/7/exports/3/files/.ndjson/"));
    }
}
