package org.clinic.patients.history;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.clinic.common.apidocs.ApiTags;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.web.Envelope;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

/** {@code patients/{id}/medical_history/} (API.md §3; not for receptionists, §4). */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/patients/{id}/medical_history")
@Tag(name = ApiTags.PATIENTS)
public class MedicalHistoryResource {

    private final MedicalHistoryService histories;

    MedicalHistoryResource(MedicalHistoryService histories) {
        this.histories = histories;
    }

    @GET
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR})
    @Operation(summary = "Get a patient's medical history summary")
    public Uni<Envelope<MedicalHistoryService.MedicalHistory>> getPatientMedicalHistory(
            @PathParam("id") long patientId) {
        return histories.of(patientId).map(result -> Envelope.ok(message(result), result.history()));
    }

    private static String message(MedicalHistoryService.Result result) {
        if (result.missing().isEmpty()) {
            return "Medical history retrieved successfully";
        }
        return "Medical history retrieved without " + String.join(", ", result.missing())
                + ": the service that keeps them is unavailable";
    }
}
