package org.clinic.patients.checkin;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import org.clinic.common.apidocs.ApiTags;
import org.clinic.common.idempotency.Idempotency;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.web.Envelope;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.Cancellable;

/** {@code patients/{id}/check_in/} (API.md §3). */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/patients/{id}/check_in")
@Tag(name = ApiTags.PATIENTS)
public class CheckInResource {

    public record CheckInRequest(
            @Size(max = 500) String purpose, @Positive Long doctor) {}

    private final CheckInService checkIns;
    private final Idempotency idempotency;

    CheckInResource(CheckInService checkIns, Idempotency idempotency) {
        this.checkIns = checkIns;
        this.idempotency = idempotency;
    }

    @POST
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.RECEPTIONIST})
    @APIResponse(
            responseCode = "201",
            description = "Checked in: a visit was created in the doctor's queue (Location: the visit)",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(implementation = CheckInService.CheckedIn.class)))
    @Operation(summary = "Check a patient in to the queue")
    public Uni<Response> checkInPatient(
            @PathParam("clinic_id") long clinicId,
            @PathParam("id") long patientId,
            @Valid CheckInRequest request,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        CheckInRequest body = request == null ? new CheckInRequest(null, null) : request;
        return idempotency.run(idempotencyKey, "check-in " + patientId, body, () -> checkIns.checkIn(
                        patientId, body.doctor(), body.purpose(), idempotencyKey)
                .map(done -> RestResponse.ResponseBuilder.<Envelope<CheckInService.CheckedIn>>create(
                                RestResponse.Status.CREATED)
                        // the visit lives in doctors-service, under the same clinic
                        .header("Location", "/api/v1/clinics/" + clinicId + "/visits/" + done.visitId() + "/")
                        .entity(Envelope.ok("Patient checked in successfully", done))
                        .build()));
    }
}
