package org.clinic.doctors.visit;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.List;
import java.util.Map;
import org.clinic.common.apidocs.ApiTags;
import org.clinic.common.idempotency.Idempotency;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.common.web.Envelope;
import org.clinic.doctors.doctor.DoctorResponse;
import org.clinic.doctors.live.LiveVisits;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** {@code doctors/{id}/queue/}: a doctor's waiting visits in queue order (API.md §3, §8), and calling the next. */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/doctors/{id}/queue")
public class QueueResource {

    public record QueueResponse(
            DoctorResponse doctor,
            List<VisitResponse> queue,
            int queueCount,

            @Schema(
                    description =
                            "Minutes until the last waiting patient is seen: queue_count times the doctor's median"
                                    + " consultation of the clinic's last 14 local days, rounded up; null under 5"
                                    + " consultations (API.md §8)")
            Integer estimatedWaitMinutes) {}

    private final VisitService visits;

    private final LiveVisits live;
    private final TenantContext tenant;

    private final Idempotency idempotency;

    QueueResource(VisitService visits, LiveVisits live, TenantContext tenant, Idempotency idempotency) {
        this.idempotency = idempotency;
        this.visits = visits;
        this.live = live;
        this.tenant = tenant;
    }

    @GET
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR, Roles.RECEPTIONIST})
    @Tag(name = ApiTags.DOCTORS_AND_QUEUES)
    @Operation(summary = "Get the patients waiting for a doctor")
    public Uni<RestResponse<Envelope<QueueResponse>>> getDoctorQueue(@PathParam("id") long doctorId) {
        return visits.queue(doctorId).map(listed -> {
            VisitService.Queue q = listed.value();
            List<VisitResponse> waiting =
                    q.waiting().stream().map(VisitResponse::of).toList();
            return RestResponse.ResponseBuilder.ok(Envelope.ok(
                            "Queue retrieved successfully",
                            new QueueResponse(
                                    DoctorResponse.of(q.doctor()), waiting, waiting.size(), q.estimatedWaitMinutes())))
                    .header(LiveVisits.LAST_EVENT_ID, listed.lastEventId())
                    .build();
        });
    }

    /**
     * Call the next patient (API.md §8): the visit now in consultation with this doctor, or {@code data: null} when
     * nobody waits. The doctor themselves, an admin or the desk; {@code Idempotency-Key} as for creates, so a call
     * whose answer was lost is answered again with the same visit, never a second one.
     */
    @POST
    @Path("/call-next")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR, Roles.RECEPTIONIST})
    @Tag(name = ApiTags.DOCTORS_AND_QUEUES)
    @Operation(summary = "Call the next waiting patient to this doctor")
    @APIResponse(
            responseCode = "200",
            description = "The visit now in consultation with this doctor, or data null when nobody waits",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = VisitResponse.class)))
    public Uni<Response> callNextPatient(
            @PathParam("id") long doctorId, @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.run(idempotencyKey, "call-next " + doctorId, Map.of(), () -> visits.callNext(doctorId)
                .map(visit -> RestResponse.ok(
                        visit == null
                                ? Envelope.<VisitResponse>ok("No patient is waiting", null)
                                : Envelope.ok("Patient called", VisitResponse.of(visit)))));
    }

    /**
     * The changes of this doctor's visits (API.md §7), the roles of the queue: another doctor's is a 403 and a doctor
     * of another clinic a 404, before any stream starts.
     */
    @APIResponse(
            responseCode = "200",
            description = "Server-Sent Events (API.md §7) of this doctor's visits, as visits/stream/ sends them",
            content = @Content(mediaType = "text/event-stream", schema = @Schema(type = SchemaType.STRING)))
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR, Roles.RECEPTIONIST})
    @Tag(name = ApiTags.LIVE_UPDATES)
    @Operation(summary = "Follow changes to a doctor's queue as they happen")
    public Multi<OutboundSseEvent> streamDoctorQueue(
            @PathParam("id") long doctorId, @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        long clinicId = tenant.clinicId();
        java.time.Instant expires = tenant.expiresAt();
        return live.open(
                clinicId, lastEventId, expires, sse, new LiveVisits.Kind.Visits(event -> event.concerns(doctorId)));
    }

    /**
     * A queue stream's 404 (a doctor of another clinic) and 403 (another doctor's queue) are answered before the
     * stream starts: a stream's status is sent with its first bytes.
     */
    @ServerRequestFilter(priority = Priorities.AUTHORIZATION + 10)
    public Uni<Void> checkBeforeStreaming(ContainerRequestContext request) {
        java.util.regex.Matcher stream = STREAM.matcher(request.getUriInfo().getPath());
        if (!stream.matches() || !"GET".equals(request.getMethod())) {
            return Uni.createFrom().voidItem();
        }
        return visits.queueAllowed(Long.parseLong(stream.group(1))).replaceWithVoid();
    }

    private static final java.util.regex.Pattern STREAM =
            java.util.regex.Pattern.compile("/api/v1/clinics/[0-9]+/doctors/([0-9]{1,18})/queue/stream/?");
}
