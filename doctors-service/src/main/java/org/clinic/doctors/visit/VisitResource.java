package org.clinic.doctors.visit;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.clinic.common.apidocs.ApiTags;
import org.clinic.common.idempotency.Idempotency;
import org.clinic.common.pagination.PageRequest;
import org.clinic.common.pagination.QueryParams;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.common.web.Envelope;
import org.clinic.common.web.PagedEnvelope;
import org.clinic.common.web.Patches;
import org.clinic.common.web.Responses;
import org.clinic.doctors.live.LiveVisits;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

/** {@code visits/} (API.md §3, roles §4). */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/visits")
public class VisitResource {

    private final VisitService visits;
    private final Idempotency idempotency;

    private final LiveVisits live;
    private final TenantContext tenant;

    private final Patches patches;

    VisitResource(
            VisitService visits, Idempotency idempotency, LiveVisits live, TenantContext tenant, Patches patches) {
        this.patches = patches;
        this.visits = visits;
        this.idempotency = idempotency;
        this.live = live;
        this.tenant = tenant;
    }

    @GET
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR, Roles.RECEPTIONIST})
    @Parameter(
            name = "status",
            in = ParameterIn.QUERY,
            schema =
                    @Schema(
                            type = SchemaType.STRING,
                            enumeration = {"checked_in", "in_consultation", "completed", "cancelled", "no_show"}))
    @Parameter(
            name = "doctor",
            in = ParameterIn.QUERY,
            description = "Only this doctor's visits (doctor id)",
            schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
    @Parameter(
            name = "patient",
            in = ParameterIn.QUERY,
            description = "Only this patient's visits (patient id)",
            schema = @Schema(type = SchemaType.INTEGER, format = "int64"))
    @Parameter(
            name = "date",
            in = ParameterIn.QUERY,
            description = "Only visits of this local day of the clinic",
            schema = @Schema(type = SchemaType.STRING, format = "date"))
    @Tag(name = ApiTags.VISITS)
    @Operation(summary = "List the clinic's visits")
    public Uni<RestResponse<PagedEnvelope<VisitResponse>>> listVisits(@Context UriInfo uri) {
        PageRequest page = PageRequest.from(uri);
        return visits.list(
                        page,
                        QueryParams.oneOf(uri, "status", VisitStatus.wireValues()),
                        QueryParams.id(uri, "doctor"),
                        QueryParams.id(uri, "patient"),
                        QueryParams.date(uri, "date"))
                .map(listed -> RestResponse.ResponseBuilder.ok(
                                listed.value().map(VisitResponse::of).envelope("Visits retrieved successfully", uri))
                        .header(LiveVisits.LAST_EVENT_ID, listed.lastEventId())
                        .build());
    }

    /**
     * Every visit change of the clinic as it happens (API.md §7), the roles of the list. With {@code Last-Event-ID}
     * (the list's {@code X-Last-Event-ID}, or the last event seen) it first replays what came after.
     */
    @APIResponse(
            responseCode = "200",
            description =
                    "Server-Sent Events (API.md §7): retry 3000; visit.checked_in, visit.transition and visit.updated events (id: the clinic's event id; data: the visit as visits/{id}/ returns it); reset; a heartbeat comment every 15 s",
            content = @Content(mediaType = "text/event-stream", schema = @Schema(type = SchemaType.STRING)))
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR, Roles.RECEPTIONIST})
    @Tag(name = ApiTags.LIVE_UPDATES)
    @Operation(summary = "Follow the clinic's visit changes as they happen")
    public Multi<OutboundSseEvent> streamVisits(@HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        return live.open(
                tenant.clinicId(), lastEventId, tenant.expiresAt(), sse, new LiveVisits.Kind.Visits(event -> true));
    }

    @POST
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.RECEPTIONIST})
    @Tag(name = ApiTags.VISITS)
    @Operation(summary = "Start a visit for a patient")
    public Uni<Response> createVisit(
            @NotNull @Valid VisitRequests.CreateVisit request,
            @Context UriInfo uri,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        VisitPriority priority = VisitPriority.ofRequest(request.priority());
        return idempotency.run(
                idempotencyKey, "create-visit", request, () -> visits.arrivalOf(request), arrival -> visits.open(
                                arrival, request.doctor(), request.purpose(), priority)
                        .map(created -> Responses.created(
                                Responses.childOf(uri, created.visit().id),
                                "Patient checked in successfully",
                                VisitResponse.of(created.visit(), created.queuePosition()))));
    }

    @GET
    @Path("/{id}/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR, Roles.RECEPTIONIST})
    @Tag(name = ApiTags.VISITS)
    @Operation(summary = "Get a visit")
    public Uni<RestResponse<Envelope<VisitResponse>>> getVisit(@PathParam("id") long id) {
        return visits.get(id)
                .map(v -> Responses.tagged("Visit retrieved successfully", VisitResponse.of(v), v.version));
    }

    /**
     * A waiting visit's priority or doctor (API.md §8); {@code If-Match} as for any update. A doctor only for a visit
     * assigned to them.
     */
    @PATCH
    @Path("/{id}/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR, Roles.RECEPTIONIST})
    @Tag(name = ApiTags.VISITS)
    @Operation(summary = "Change a waiting visit's priority or transfer it to another doctor")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = VisitRequests.UpdateVisit.class)))
    public Uni<RestResponse<Envelope<VisitResponse>>> updateVisit(
            @PathParam("id") long id, JsonNode patch, @HeaderParam("If-Match") String ifMatch) {
        return visits.update(id, current -> patches.merge(current, patch, VisitRequests.UpdateVisit.class), ifMatch)
                .map(v -> Responses.tagged("Visit updated successfully", VisitResponse.of(v), v.version));
    }

    /** One entry of {@code visits/{id}/history/} (API.md §8). */
    public record VisitChangeResponse(
            java.time.Instant at,
            Long actorId,
            String actorRole,

            @Schema(enumeration = {"checked_in", "status", "priority", "transfer"})
            String kind,

            @Schema(
                    description =
                            "The value before: a status, a priority, or (transfer) a doctor id as a string; null for"
                                    + " none (check-in, the unassigned queue)")
            String from,

            @Schema(description = "The value after, as from")
            String to,

            String reason) {

        static VisitChangeResponse of(VisitChange c) {
            return new VisitChangeResponse(c.at, c.actorId, c.actorRole, c.kind, c.from, c.to, c.reason);
        }
    }

    @GET
    @Path("/{id}/history/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR, Roles.RECEPTIONIST})
    @Tag(name = ApiTags.VISITS)
    @Operation(summary = "Get a visit's history")
    public Uni<RestResponse<Envelope<java.util.List<VisitChangeResponse>>>> getVisitHistory(@PathParam("id") long id) {
        return visits.history(id)
                .map(changes -> RestResponse.ok(Envelope.ok(
                        "Visit history retrieved successfully",
                        changes.stream().map(VisitChangeResponse::of).toList())));
    }

    @POST
    @Path("/{id}/transition/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR, Roles.RECEPTIONIST})
    @Tag(name = ApiTags.VISITS)
    @Operation(summary = "Move a visit to its next status")
    public Uni<Envelope<VisitResponse>> transitionVisit(
            @PathParam("id") long id, @NotNull @Valid VisitRequests.Transition request) {
        return visits.transition(id, request.status())
                .map(v -> Envelope.ok("Visit updated successfully", VisitResponse.of(v)));
    }
}
