package org.clinic.consultations.prescription;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The writable fields of a prescription and its 1..50 medicines. {@code patient} and
 * {@code consultation} are set at creation and kept; {@code doctor} is the caller's own profile.
 */
public record PrescriptionRequest(
        @Positive Long patient,
        @Positive Long consultation,

        @Schema(enumeration = {"active", "completed", "cancelled"})
        @Pattern(regexp = "active|completed|cancelled", message = "must be one of active, completed, cancelled")
        String status,

        @Size(max = 5000) String notes,
        @NotNull @Size(min = 1, max = 50) List<@Valid @NotNull MedicineRequest> medicines) {

    public record MedicineRequest(
            @NotBlank @Size(max = 200) String medicineName,
            @Size(max = 100) String dosage,
            @Size(max = 100) String frequency,
            @Size(max = 100) String duration,
            @Size(max = 50) String route,
            @Size(max = 2000) String instructions,
            @NotNull @Positive Integer quantity,
            @Min(0) @Max(12) Integer refillsAllowed) {

        static MedicineRequest of(Medicine m) {
            return new MedicineRequest(
                    m.medicineName,
                    m.dosage,
                    m.frequency,
                    m.duration,
                    m.route,
                    m.instructions,
                    m.quantity,
                    m.refillsAllowed);
        }
    }
}
