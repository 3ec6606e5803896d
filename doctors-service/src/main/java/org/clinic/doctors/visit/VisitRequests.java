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

    /** {@code POST visits/{id}/transition/}. */
    public record Transition(
            @Schema(enumeration = {"in_consultation", "completed", "cancelled", "no_show"}) @NotBlank
            String status) {}
}
