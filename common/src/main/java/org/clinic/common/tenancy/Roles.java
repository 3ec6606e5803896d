package org.clinic.common.tenancy;

import java.util.Set;

/** The role names carried in the token's {@code role} claim and {@code groups} (API.md §2). */
public final class Roles {

    public static final String SUPERUSER = "superuser";
    public static final String ADMIN = "admin";
    public static final String DOCTOR = "doctor";
    public static final String RECEPTIONIST = "receptionist";
    public static final String DISPLAY = "display";

    /** Roles a clinic user may hold; a superuser belongs to no clinic. */
    public static final Set<String> CLINIC_ROLES = Set.of(ADMIN, DOCTOR, RECEPTIONIST, DISPLAY);

    private Roles() {}
}
