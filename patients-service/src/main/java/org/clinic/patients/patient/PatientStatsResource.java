package org.clinic.patients.patient;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import org.clinic.common.pagination.QueryParams;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.web.Envelope;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * {@code stats/patients/?from=&to=}: for the gateway's dashboard and daily report only (not a
 * public route; the gateway does not forward {@code stats/}). {@code from}/{@code to} are the
 * clinic's local day as instants, worked out by the gateway, which knows the clinic's zone.
 */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/stats/patients")
public class PatientStatsResource {

    private final PatientService patients;

    PatientStatsResource(PatientService patients) {
        this.patients = patients;
    }

    @GET
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Operation(hidden = true, summary = "Patient figures for the gateway's reports (internal)")
    public Uni<Envelope<PatientStats>> getPatientStats(@Context UriInfo uri) {
        var from = QueryParams.instant(uri, "from", true);
        var to = QueryParams.instant(uri, "to", true);
        return patients.stats(from, to).map(stats -> Envelope.ok("Patient figures retrieved successfully", stats));
    }
}
