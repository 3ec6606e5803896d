package org.clinic.gateway.auth;

/** The {@code data} of a token or refresh response (API.md §2). */
public record TokenResponse(
        String access,
        String refresh,
        String tokenType,
        long expiresIn,
        Long clinicId,
        String clinicName,
        String username,
        String role) {}
