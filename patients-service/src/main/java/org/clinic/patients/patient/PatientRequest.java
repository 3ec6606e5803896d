package org.clinic.patients.patient;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The writable fields of a patient (API.md §3). {@code identification_number} is write-only:
 * null leaves the stored one as it is, since a client can never read it back to resend it.
 */
public record PatientRequest(
        @NotBlank @Size(max = 200) String patientName,

        @NotNull @PastOrPresent(message = "must not be in the future")
        LocalDate dateOfBirth,

        @Schema(enumeration = {"M", "F", "O"}) @NotNull @Pattern(regexp = "[MFO]", message = "must be one of M, F, O")
        String gender,

        @Schema(enumeration = {"A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"})
        @Pattern(regexp = "A\\+|A-|B\\+|B-|AB\\+|AB-|O\\+|O-", message = "must be one of A+ A- B+ B- AB+ AB- O+ O-")
        String bloodGroup,

        @NotBlank @Pattern(regexp = "\\+?[0-9]{7,15}", message = "invalid phone number")
        String phoneNumber,

        @Email @Size(max = 254) String email,
        @Size(max = 2000) String address,
        @Size(max = 100) String city,
        @Size(max = 100) String state,
        @Size(max = 20) String zipCode,
        @Size(max = 200) String emergencyContactName,

        @Pattern(regexp = "\\+?[0-9]{7,15}", message = "invalid phone number")
        String emergencyContactPhone,

        @Size(max = 50) String identificationType,

        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
        @Size(min = 4, max = 50)
        @Pattern(
                regexp = "[A-Za-z0-9](?:[A-Za-z0-9 -]*[A-Za-z0-9])?",
                message = "letters and digits, with spaces or hyphens between them")
        String identificationNumber,

        @Schema(enumeration = {"active", "inactive", "deceased"})
        @Pattern(regexp = "active|inactive|deceased", message = "must be one of active, inactive, deceased")
        String status) {

    static PatientRequest of(Patient p) {
        return new PatientRequest(
                p.patientName,
                p.dateOfBirth,
                p.gender,
                p.bloodGroup,
                p.phoneNumber,
                p.email,
                p.address,
                p.city,
                p.state,
                p.zipCode,
                p.emergencyContactName,
                p.emergencyContactPhone,
                p.identificationType,
                null,
                p.status);
    }
}
