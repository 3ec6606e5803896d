package org.clinic.doctors.visit;

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
import java.net.URI;
import org.clinic.common.apidocs.ApiTags;
import org.clinic.common.idempotency.Idempotency;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.web.Responses;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * {@code patients/{id}/check_in/} (API.md §3). Its path is the patient's, but what it makes is a visit, so it is
 * served here, where visits live: the gateway routes this one path of the patients family to doctors-service
 * (docs/decisions.md §21), and the only call it makes is the patient's lookup in patients-service.
 */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/patients/{id}/check_in")
@Tag(name = ApiTags.PATIENTS)
public class CheckInResource {

    public record CheckInRequest(
            @Size(max = 500) String purpose,
            @Positive Long doctor,

            @Schema(
                    enumeration = {"normal", "urgent", "emergency"},
                    defaultValue = "normal")
            String priority) {}

    /** {@code data} of a check-in answer. */
    @Schema(name = "CheckedIn")
    public record CheckedIn(long visitId, int tokenNumber, Long doctor, Long queuePosition) {}

    private final VisitService visits;
    private final Idempotency idempotency;

    CheckInResource(VisitService visits, Idempotency idempotency) {
        this.visits = visits;
        this.idempotency = idempotency;
    }

    @POST
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.RECEPTIONIST})
    @APIResponse(
            responseCode = "201",
            description = "Checked in: a visit was created in the doctor's queue (Location: the visit)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CheckedIn.class)))
    @Operation(summary = "Check a patient in to the queue")
    public Uni<Response> checkInPatient(
            @PathParam("clinic_id") long clinicId,
            @PathParam("id") long patientId,
            @Valid CheckInRequest request,
            @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        CheckInRequest body = request == null ? new CheckInRequest(null, null, null) : request;
        VisitPriority priority = VisitPriority.ofRequest(body.priority());
        return idempotency.run(
                idempotencyKey,
                "check-in " + patientId,
                body,
                () -> visits.arrivalOf(patientId),
                arrival -> visits.open(arrival, body.doctor(), body.purpose(), priority)
                        .map(done -> Responses.created(
                                URI.create("/api/v1/clinics/" + clinicId + "/visits/" + done.visit().id + "/"),
                                "Patient checked in successfully",
                                new CheckedIn(
                                        done.visit().id,
                                        done.visit().tokenNumber,
                                        done.visit().assignedDoctorId,
                                        done.queuePosition()))));
    }
}
