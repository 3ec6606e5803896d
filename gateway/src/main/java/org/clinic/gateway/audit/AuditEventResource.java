package org.clinic.gateway.audit;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.clinic.common.apidocs.ApiTags;
import org.clinic.common.audit.AuditEventView;
import org.clinic.common.audit.AuditEvents;
import org.clinic.common.audit.AuditQuery;
import org.clinic.common.audit.LocalAuditPage;
import org.clinic.common.error.InvalidRequest;
import org.clinic.common.pagination.Page;
import org.clinic.common.pagination.PageRequest;
import org.clinic.common.pagination.QueryParams;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.common.web.PagedEnvelope;
import org.clinic.gateway.reports.ClinicFigures;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * {@code audit-events/} (API.md §3 "Audit"): one list across the gateway and the three services.
 * Each process keeps its own events (written in the same transaction as the change they record);
 * this asks each, in parallel and with the caller's token, for its newest {@code page × page_size}
 * matching events and its count, and merges them by {@code (at, id)} newest first. The order is
 * total (ids are unique within the install), so pages neither repeat nor skip an event, and an
 * event is listed as soon as the request that wrote it has answered. A part that cannot answer
 * makes the list a 503: an audit trail with silent holes would mislead. See docs/decisions.md §12.
 */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/audit-events")
@Tag(name = ApiTags.REPORTS_AND_AUDIT)
public class AuditEventResource {

    private final AuditEvents local;
    private final TenantContext tenant;
    private final ClinicFigures clinics;

    private final ServicesAuditClient services;

    public AuditEventResource(
            AuditEvents local, TenantContext tenant, ClinicFigures clinics, ServicesAuditClient services) {
        this.local = local;
        this.tenant = tenant;
        this.clinics = clinics;
        this.services = services;
    }

    @GET
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Parameter(
            name = "actor",
            in = ParameterIn.QUERY,
            description = "Only events of this user (user id)",
            schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
    @Parameter(
            name = "resource_type",
            in = ParameterIn.QUERY,
            schema =
                    @Schema(
                            type = SchemaType.STRING,
                            enumeration = {
                                "clinic",
                                "user",
                                "patient",
                                "doctor",
                                "visit",
                                "consultation",
                                "prescription",
                                "test_report",
                                "export"
                            }))
    @Parameter(
            name = "resource_id",
            in = ParameterIn.QUERY,
            description = "Only events of this record",
            schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
    @Parameter(
            name = "action",
            in = ParameterIn.QUERY,
            schema =
                    @Schema(
                            type = SchemaType.STRING,
                            enumeration = {
                                "create",
                                "update",
                                "delete",
                                "check_in",
                                "transition",
                                "login",
                                "login_failed",
                                "read_phi",
                                "export",
                                "download"
                            }))
    @Parameter(
            name = "from",
            in = ParameterIn.QUERY,
            description = "From this instant, inclusive",
            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    @Parameter(
            name = "to",
            in = ParameterIn.QUERY,
            description = "Up to this instant, inclusive",
            schema = @Schema(type = SchemaType.STRING, format = "date-time"))
    @Operation(summary = "List the clinic's audit events, newest first")
    public Uni<PagedEnvelope<AuditEventView>> listAuditEvents(@Context UriInfo uri) {
        PageRequest page = PageRequest.from(uri);
        long wanted = (long) page.page() * page.pageSize();
        if (wanted > AuditQuery.MAX_LIMIT) {
            throw InvalidRequest.field(
                    "page",
                    "page × page_size may not exceed " + AuditQuery.MAX_LIMIT + ": narrow the list with from/to");
        }
        long clinicId = tenant.clinicId();
        Long actor = QueryParams.id(uri, "actor");
        String type = QueryParams.oneOf(uri, "resource_type", AuditQuery.RESOURCE_TYPES);
        Long resource = QueryParams.id(uri, "resource_id");
        String action = QueryParams.oneOf(uri, "action", AuditQuery.ACTIONS);
        String fromText = uri.getQueryParameters().getFirst("from");
        String toText = uri.getQueryParameters().getFirst("to");
        return clinics.clinic(clinicId).map(ClinicFigures.Clinic::zone).chain(zone -> {
            Instant from = bound(fromText, "from", zone, false);
            Instant to = bound(toText, "to", zone, true);
            if (from != null && to != null && from.isAfter(to)) {
                throw InvalidRequest.field("from", "must not be after to");
            }
            AuditQuery query = new AuditQuery(actor, type, resource, action, from, to, (int) wanted);
            List<Uni<LocalAuditPage>> parts = new ArrayList<>();
            parts.add(local.list(clinicId, query));
            parts.addAll(services.pages(clinicId, query));
            return Uni.join().all(parts).andFailFast().map(pages -> merge(pages, page, uri));
        });
    }

    private static PagedEnvelope<AuditEventView> merge(List<LocalAuditPage> parts, PageRequest page, UriInfo uri) {
        long count = 0;
        List<AuditEventView> all = new ArrayList<>();
        for (LocalAuditPage part : parts) {
            count += part.count();
            all.addAll(part.events());
        }
        Page.requireExists(page, count);
        all.sort(AuditEventView::newestFirst);
        int start = Math.min(page.offset(), all.size());
        int end = Math.min(start + page.pageSize(), all.size());
        return new Page<>(all.subList(start, end), count, page).envelope("Audit events retrieved successfully", uri);
    }

    /** An ISO instant, or a date meaning the clinic's whole local day (its start for from, its end for to). */
    static Instant bound(String value, String name, ZoneId zone, boolean end) {
        if (value == null) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate day = LocalDate.parse(value);
                return end
                        ? day.plusDays(1).atStartOfDay(zone).toInstant().minus(1, ChronoUnit.MICROS)
                        : day.atStartOfDay(zone).toInstant();
            } catch (DateTimeParseException notADate) {
                throw InvalidRequest.field(name, "must be an ISO-8601 instant or a date as YYYY-MM-DD");
            }
        }
    }
}
