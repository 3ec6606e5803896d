package org.clinic.doctors.doctor;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** The writable fields of a doctor profile; {@code user_name} is read-only (it comes from the user). */
public record DoctorRequest(
        @NotNull @Positive Long user,
        @Size(max = 100) String specialization,
        @NotBlank @Size(max = 50) String licenseNumber,
        @Size(max = 200) String qualification,
        @Min(0) @Max(70) Integer experienceYears,
        Boolean isActive) {

    static DoctorRequest of(Doctor d) {
        return new DoctorRequest(
                d.userId, d.specialization, d.licenseNumber, d.qualification, d.experienceYears, d.active);
    }
}
