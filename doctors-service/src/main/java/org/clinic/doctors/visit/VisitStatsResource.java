package org.clinic.doctors.visit;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import org.clinic.common.error.InvalidRequest;
import org.clinic.common.pagination.QueryParams;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.web.Envelope;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * {@code stats/visits/?date=}: for the gateway's dashboard and daily report only (not a public
 * route). {@code date} is the clinic's local day, as visits record it ({@code visit_day}).
 */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/stats/visits")
public class VisitStatsResource {

    private final VisitService visits;

    VisitStatsResource(VisitService visits) {
        this.visits = visits;
    }

    @GET
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Operation(hidden = true, summary = "Visit figures for the gateway's reports (internal)")
    public Uni<Envelope<VisitStats>> getVisitStats(@Context UriInfo uri) {
        LocalDate day = QueryParams.date(uri, "date");
        if (day == null) {
            throw InvalidRequest.field("date", "is required");
        }
        return visits.stats(day).map(stats -> Envelope.ok("Visit figures retrieved successfully", stats));
    }
}
