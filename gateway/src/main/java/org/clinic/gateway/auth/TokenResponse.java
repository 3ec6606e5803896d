package org.clinic.gateway.auth;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The {@code data} of a token or refresh response (API.md §2). */
public record TokenResponse(
        String access,
        String refresh,
        String tokenType,
        long expiresIn,
        Long clinicId,
        String clinicName,
        String username,

        @Schema(enumeration = {"superuser", "admin", "doctor", "receptionist", "display"})
        String role) {}
