package org.clinic.doctors.live;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import org.clinic.common.apidocs.ApiTags;
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
 * The waiting-room board (API.md §7): the clinic's active doctors by name, the token being seen and the tokens
 * waiting, and nothing about patients. Every clinic role may read it; the {@code display} role reads only this.
 */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/queue-board")
@Tag(name = ApiTags.LIVE_UPDATES)
public class QueueBoardResource {

    private final LiveReads reads;
    private final LiveVisits live;
    private final TenantContext tenant;

    QueueBoardResource(LiveReads reads, LiveVisits live, TenantContext tenant) {
        this.reads = reads;
        this.live = live;
        this.tenant = tenant;
    }

    @GET
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR, Roles.RECEPTIONIST, Roles.DISPLAY})
    @Operation(summary = "Get the waiting-room queue board")
    public Uni<Envelope<QueueBoard>> getQueueBoard() {
        return reads.board(tenant.clinicId()).map(board -> Envelope.ok("Queue board retrieved successfully", board));
    }

    /** {@code event: board} with the board as the GET's data: at once, then after every visit change. */
    @APIResponse(
            responseCode = "200",
            description =
                    "Server-Sent Events (API.md §7): a board event (data: the queue board, as the GET's data) at once and after every visit change",
            content = @Content(mediaType = "text/event-stream", schema = @Schema(type = SchemaType.STRING)))
    @GET
    @Path("/stream")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR, Roles.RECEPTIONIST, Roles.DISPLAY})
    @Operation(summary = "Follow the waiting-room queue board as it changes")
    public Multi<OutboundSseEvent> streamQueueBoard(
            @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        return live.open(tenant.clinicId(), lastEventId, tenant.expiresAt(), sse, new LiveVisits.Kind.Board());
    }
}
