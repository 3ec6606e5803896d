package org.clinic.consultations.counts;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.clinic.common.pagination.QueryParams;
import org.clinic.common.persistence.ClinicTransactions;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.web.Envelope;
import org.clinic.consultations.consultation.ConsultationRepository;
import org.clinic.consultations.consultation.ConsultationRepository.DayCounts;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * {@code stats/consultations/?from=&to=}: for the gateway's dashboard and daily report only (not
 * a public route). {@code from}/{@code to} are the clinic's local day as instants.
 */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/stats/consultations")
public class DayStatsResource {

    /** The day's totals and each doctor's share. */
    public record DayStats(long consultations, long prescriptions, List<DayCounts> byDoctor) {}

    private final ConsultationRepository consultations;

    private final ClinicTransactions transactions;

    DayStatsResource(ConsultationRepository consultations, ClinicTransactions transactions) {

        this.transactions = transactions;
        this.consultations = consultations;
    }

    @GET
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Operation(hidden = true, summary = "Consultation figures for the gateway's reports (internal)")
    public Uni<Envelope<DayStats>> getConsultationDayStats(@Context UriInfo uri) {
        var from = QueryParams.instant(uri, "from", true);
        var to = QueryParams.instant(uri, "to", true);
        return transactions
                .run(() -> consultations.dayCounts(from, to))
                .map(rows -> new DayStats(
                        rows.stream().mapToLong(DayCounts::consultations).sum(),
                        rows.stream().mapToLong(DayCounts::prescriptions).sum(),
                        rows))
                .map(stats -> Envelope.ok("Consultation figures retrieved successfully", stats));
    }
}
