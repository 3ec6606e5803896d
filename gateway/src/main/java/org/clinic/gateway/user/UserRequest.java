package org.clinic.gateway.user;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The writable fields of a staff user. {@code password} is required on create and optional
 * on update (given → changed); it is never read back.
 */
public record UserRequest(
        @NotBlank @Size(max = 150) @Pattern(regexp = "[A-Za-z0-9.@+_-]+", message = "letters, digits and @.+-_ only")
        String username,

        @Size(max = 150) String firstName,
        @Size(max = 150) String lastName,
        @Email @Size(max = 254) String email,

        @Schema(enumeration = {"admin", "doctor", "receptionist", "display"})
        @NotBlank
        @Pattern(
                regexp = "admin|doctor|receptionist|display",
                message = "must be one of admin, doctor, receptionist, display")
        String role,

        Boolean isActive,

        @JsonProperty(access = JsonProperty.Access.WRITE_ONLY) @Size(max = 128)
        String password) {

    static UserRequest of(User u) {
        return new UserRequest(u.username, u.firstName, u.lastName, u.email, u.role, u.active, null);
    }
}
