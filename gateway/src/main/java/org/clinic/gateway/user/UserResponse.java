package org.clinic.gateway.user;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A user as clients see it (API.md §2); never the password or its hash. */
public record UserResponse(
        Long id,
        Long clinicId,
        String username,
        String firstName,
        String lastName,
        String email,

        @Schema(enumeration = {"superuser", "admin", "doctor", "receptionist", "display"})
        String role,

        boolean isActive,
        Instant dateJoined) {

    public static UserResponse of(User u) {
        return new UserResponse(
                u.id, u.getClinicId(), u.username, u.firstName, u.lastName, u.email, u.role, u.active, u.dateJoined);
    }
}
