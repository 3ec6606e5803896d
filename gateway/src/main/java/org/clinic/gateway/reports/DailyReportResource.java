package org.clinic.gateway.reports;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clinic.common.apidocs.ApiTags;
import org.clinic.common.client.Downstream;
import org.clinic.common.pagination.QueryParams;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.common.web.Envelope;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * {@code reports/daily/?date=} (API.md §3): the clinic's local day, as JSON or as CSV
 * ({@code Accept: text/csv} or {@code ?format=csv}). A report is a record someone may file, so a
 * service that cannot answer makes it a 503, never a partial report; errors are always JSON.
 */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/reports/daily")
@Tag(name = ApiTags.REPORTS_AND_AUDIT)
public class DailyReportResource {

    public record DailyReport(
            LocalDate date,
            long patientsRegistered,
            VisitCounts visits,
            long consultations,
            long prescriptions,
            List<DoctorRow> byDoctor) {}

    public record VisitCounts(long total, long completed, long cancelled, long noShow) {}

    public record DoctorRow(
            long doctor, String userName, long visits, long completed, long consultations, long prescriptions) {}

    static final String CSV = "text/csv";

    private final ClinicFigures figures;
    private final TenantContext tenant;

    public DailyReportResource(ClinicFigures figures, TenantContext tenant) {
        this.figures = figures;
        this.tenant = tenant;
    }

    @GET
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Produces({MediaType.APPLICATION_JSON, CSV})
    @APIResponse(
            responseCode = "200",
            description = "The day's report, as JSON or as CSV (Accept: text/csv or ?format=csv)",
            content = {
                @Content(mediaType = "application/json", schema = @Schema(implementation = DailyReport.class)),
                @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING))
            })
    @Operation(summary = "Get the clinic's daily report, as JSON or CSV")
    public Uni<Response> getDailyReport(@Context UriInfo uri, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        LocalDate requested = QueryParams.date(uri, "date");
        String format = QueryParams.oneOf(uri, "format", Set.of("json", "csv"));
        boolean csv = "csv".equals(format) || (format == null && accept != null && accept.contains(CSV));
        long clinicId = tenant.clinicId();
        return figures.clinic(clinicId).chain(clinic -> {
            ClinicFigures.Day day = figures.day(requested, clinic);
            return Uni.combine()
                    .all()
                    .unis(
                            part(figures.patients(clinicId, day), "patients service"),
                            part(figures.visits(clinicId, day), "doctors service"),
                            part(figures.consultations(clinicId, day), "consultations service"))
                    .with((patients, visits, consultations) -> compose(day, patients, visits, consultations))
                    .map(report -> csv
                            ? Response.ok(DailyReportCsv.write(report), CSV + "; charset=utf-8")
                                    .header(
                                            "Content-Disposition",
                                            "attachment; filename=\"daily-report-" + clinic.slug() + "-" + report.date()
                                                    + ".csv\"")
                                    .build()
                            : Response.ok(Envelope.ok("Daily report retrieved successfully", report))
                                    .type(MediaType.APPLICATION_JSON)
                                    .build());
        });
    }

    private static <T> Uni<T> part(Uni<T> call, String service) {
        return call.onFailure().transform(failure -> Downstream.translate(failure, service));
    }

    static DailyReport compose(
            ClinicFigures.Day day,
            Figures.Patients patients,
            Figures.Visits visits,
            Figures.Consultations consultations) {
        Map<Long, Figures.DoctorRecords> records = new HashMap<>();
        consultations.byDoctor().forEach(r -> records.put(r.doctor(), r));
        List<DoctorRow> byDoctor = visits.doctors().stream()
                .map(d -> {
                    Figures.DoctorRecords r = records.get(d.doctor());
                    return new DoctorRow(
                            d.doctor(),
                            d.userName(),
                            d.visits(),
                            d.completed(),
                            r == null ? 0 : r.consultations(),
                            r == null ? 0 : r.prescriptions());
                })
                .toList();
        Figures.VisitTotals v = visits.visits();
        return new DailyReport(
                day.date(),
                patients.registered(),
                new VisitCounts(v.total(), v.completed(), v.cancelled(), v.noShow()),
                consultations.consultations(),
                consultations.prescriptions(),
                byDoctor);
    }
}
