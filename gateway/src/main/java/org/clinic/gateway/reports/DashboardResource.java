package org.clinic.gateway.reports;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.clinic.common.apidocs.ApiTags;
import org.clinic.common.pagination.QueryParams;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.common.web.Envelope;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * {@code analytics/dashboard/?date=} (API.md §3): current figures (patients, waiting now, each
 * doctor's queue) and the clinic's local day {@code date} (default today in its zone), composed
 * from the three services in parallel. A service that is down or slow leaves its figures
 * {@code null} and is named in {@code message}; the rest still answers.
 */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/analytics/dashboard")
@Tag(name = ApiTags.REPORTS_AND_AUDIT)
public class DashboardResource {

    /** API.md's dashboard; a figure is null when the service that owns it could not answer. */
    public record Dashboard(
            LocalDate date,
            Long totalPatients,
            Long activePatients,
            Long newPatientsToday,
            Long visitsToday,
            Long waitingNow,
            Long consultationsToday,
            Long prescriptionsToday,
            List<DoctorRow> doctors,

            @Schema(
                    description = "Median minutes from check-in to started_at of the day's visits that started, to one"
                            + " decimal; null when none did (API.md §8)")
            Double medianWaitMinutesToday,

            @Schema(
                    description = "Median minutes from started_at to completed_at of the day's completed visits, to one"
                            + " decimal; null when none did (API.md §8)")
            Double medianConsultationMinutesToday) {}

    public record DoctorRow(long doctor, String userName, long queueCount, long completedToday) {}

    private final ClinicFigures figures;
    private final TenantContext tenant;

    public DashboardResource(ClinicFigures figures, TenantContext tenant) {
        this.figures = figures;
        this.tenant = tenant;
    }

    @GET
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Operation(summary = "Get the clinic's dashboard figures for a day")
    public Uni<Envelope<Dashboard>> getDashboard(@Context UriInfo uri) {
        LocalDate requested = QueryParams.date(uri, "date");
        long clinicId = tenant.clinicId();
        return figures.clinic(clinicId).chain(clinic -> {
            ClinicFigures.Day day = figures.day(requested, clinic);
            return Uni.combine()
                    .all()
                    .unis(
                            optional(figures.patients(clinicId, day)),
                            optional(figures.visits(clinicId, day)),
                            optional(figures.consultations(clinicId, day)))
                    .with((patients, visits, consultations) -> compose(day, patients, visits, consultations));
        });
    }

    /** Seconds as minutes to one decimal (half up); null stays null. */
    static Double minutes(Double seconds) {
        return seconds == null
                ? null
                : java.math.BigDecimal.valueOf(seconds / 60.0)
                        .setScale(1, java.math.RoundingMode.HALF_UP)
                        .doubleValue();
    }

    private static <T> Uni<Optional<T>> optional(Uni<T> part) {
        return part.map(Optional::of).onFailure().recoverWithItem(Optional.empty());
    }

    private static Envelope<Dashboard> compose(
            ClinicFigures.Day day,
            Optional<Figures.Patients> patients,
            Optional<Figures.Visits> visits,
            Optional<Figures.Consultations> consultations) {
        List<String> missing = new ArrayList<>();
        if (patients.isEmpty()) {
            missing.add("patients (patients service)");
        }
        if (visits.isEmpty()) {
            missing.add("visits and doctors (doctors service)");
        }
        if (consultations.isEmpty()) {
            missing.add("consultations and prescriptions (consultations service)");
        }
        Dashboard dashboard = new Dashboard(
                day.date(),
                patients.map(Figures.Patients::totalPatients).orElse(null),
                patients.map(Figures.Patients::activePatients).orElse(null),
                patients.map(Figures.Patients::registered).orElse(null),
                visits.map(v -> v.visits().total()).orElse(null),
                visits.map(v -> v.visits().waitingNow()).orElse(null),
                consultations.map(Figures.Consultations::consultations).orElse(null),
                consultations.map(Figures.Consultations::prescriptions).orElse(null),
                visits.map(v -> v.doctors().stream()
                                .map(d -> new DoctorRow(d.doctor(), d.userName(), d.queueCount(), d.completed()))
                                .toList())
                        .orElse(null),
                visits.map(v -> minutes(v.visits().medianWaitSeconds())).orElse(null),
                visits.map(v -> minutes(v.visits().medianConsultationSeconds())).orElse(null));
        String message = missing.isEmpty()
                ? "Dashboard retrieved successfully"
                : "Dashboard retrieved without " + String.join(", ", missing) + ": temporarily unavailable";
        return Envelope.ok(message, dashboard);
    }
}
