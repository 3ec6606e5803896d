package org.clinic.consultations.counts;

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
 * {@code stats/consultations/?from=&to=}: for the gateway's dashboard and daily report only (not
 * a public route). {@code from}/{@code to} are the clinic's local day as instants.
 */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/stats/consultations")
public class DayStatsResource {

    private final Counts counts;

    DayStatsResource(Counts counts) {
        this.counts = counts;
    }

    @GET
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Operation(hidden = true, summary = "Consultation figures for the gateway's reports (internal)")
    public Uni<Envelope<Counts.DayStats>> getConsultationDayStats(@Context UriInfo uri) {
        var from = QueryParams.instant(uri, "from", true);
        var to = QueryParams.instant(uri, "to", true);
        return counts.ofDay(from, to).map(stats -> Envelope.ok("Consultation figures retrieved successfully", stats));
    }
}
