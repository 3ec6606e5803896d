package org.clinic.gateway.clinic;

import java.time.Instant;

/** A clinic as clients see it (API.md §2). */
public record ClinicResponse(
        Long id,
        String name,
        String slug,
        String email,
        String phoneNumber,
        String address,
        String city,
        String state,
        String zipCode,
        String registrationNumber,
        String gstin,
        String timezone,
        boolean isActive,
        Integer rateLimitPerHour,
        Instant createdAt) {

    static ClinicResponse of(Clinic c) {
        return new ClinicResponse(
                c.id,
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
                c.rateLimitPerHour,
                c.createdAt);
    }
}
