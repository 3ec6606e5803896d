package org.clinic.doctors.visit;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request bodies of the visits API. */
public final class VisitRequests {

    private VisitRequests() {}

    /** {@code POST visits/}: the patient (an id of patients-service), an optional doctor profile, the purpose. */
    public record CreateVisit(
            @NotNull @Positive Long patient,
            @Positive Long doctor,
            @Size(max = 500) String purpose,

            @Schema(
                    enumeration = {"normal", "urgent", "emergency"},
                    defaultValue = "normal")
            String priority) {}

    /**
     * {@code PATCH visits/{id}/} (API.md §8): what is given replaces the visit's own; {@code assigned_doctor: null}
     * moves it to the unassigned queue. {@code reason} is kept in the visit's history only.
     */
    public record UpdateVisit(
            @Schema(enumeration = {"normal", "urgent", "emergency"})
            String priority,

            @Positive Long assignedDoctor,

            @Size(max = 500) String reason) {

        static UpdateVisit of(Visit visit) {
            return new UpdateVisit(visit.priority, visit.assignedDoctorId, null);
        }
    }

    /** {@code POST visits/{id}/transition/}. */
    public record Transition(
            @Schema(enumeration = {"in_consultation", "completed", "cancelled", "no_show"}) @NotBlank
            String status) {}
}
