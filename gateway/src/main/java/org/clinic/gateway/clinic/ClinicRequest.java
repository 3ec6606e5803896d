package org.clinic.gateway.clinic;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** The writable fields of a clinic; {@code is_active} and {@code rate_limit_per_hour} count only from a superuser. */
public record ClinicRequest(
        @NotBlank @Size(max = 200) String name,

        @Pattern(regexp = "[a-z0-9]+(?:-[a-z0-9]+)*", message = "lower-case letters, digits and single hyphens only")
        @Size(max = 80)
        String slug,

        @Email @Size(max = 254) String email,

        @Pattern(regexp = "\\+?[0-9]{7,15}", message = "invalid phone number")
        String phoneNumber,

        @Size(max = 2000) String address,
        @Size(max = 100) String city,
        @Size(max = 100) String state,
        @Size(max = 20) String zipCode,
        @Size(max = 100) String registrationNumber,

        @Pattern(regexp = "[0-9A-Z]{15}", message = "must be a 15-character GSTIN")
        String gstin,

        @TimeZone String timezone,
        Boolean isActive,
        @Positive Integer rateLimitPerHour) {

    static ClinicRequest of(Clinic c) {
        return new ClinicRequest(
                c.name,
                c.slug,
                c.email,
                c.phoneNumber,
                c.address,
                c.city,
                c.state,
                c.zipCode,
                c.registrationNumber,
                c.gstin,
                c.timezone,
                c.active,
                c.rateLimitPerHour);
    }
}
