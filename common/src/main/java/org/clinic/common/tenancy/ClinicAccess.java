package org.clinic.common.tenancy;

import java.util.OptionalLong;
import org.clinic.common.error.ErrorMappers;

/**
 * The clinic-access rule of API.md §2, as one pure function of the path and the verified token's claims: the
 * gateway's admission and every service's {@link TenantFilter} decide with it, so the two lines of defence cannot
 * drift apart. What it cannot know without a database (the user still active, a superuser's clinic existing) is
 * checked by the caller after an {@link Allowed}.
 *
 * <ul>
 *   <li>{@code /api/v1/clinics/{id}/…} whose id is not a positive 64-bit integer: 404;
 *   <li>a clinic path without a verified token: 401;
 *   <li>a {@code display} device anywhere but the queue board and its stream: 403;
 *   <li>a clinic user in another clinic's path: 403 (a superuser may act in any clinic);
 *   <li>else allowed, in the path's clinic; off clinic paths in the token's (none for a superuser, none without a
 *       token: such routes make their own checks).
 * </ul>
 */
public final class ClinicAccess {

    public static final String NOT_FOUND = "Not found.";
    public static final String DISPLAY_ONLY_BOARD = "A display device may only read the queue board.";
    public static final String OTHER_CLINIC = "You do not have access to this clinic.";

    private ClinicAccess() {}

    /** The verified token's claims; {@code null} for a request without one (or whose token failed). */
    public record Claimed(Long userId, String role, Long clinicId) {

        public boolean superuser() {
            return Roles.SUPERUSER.equals(role);
        }
    }

    /** What the rule decided. */
    public sealed interface Decision permits Allowed, Refused {}

    /** Go on, acting in {@code clinicId} (null: no clinic, a platform-level request); {@code clinicPath} as read. */
    public record Allowed(Long clinicId, boolean clinicPath) implements Decision {}

    /** Answer {@code status} with {@code message} in the envelope, nothing else. */
    public record Refused(int status, String message) implements Decision {}

    public static Decision decide(String path, Claimed caller) {
        boolean clinicPath = ClinicPath.isClinicPath(path);
        if (!clinicPath) {
            if (caller == null) {
                return new Allowed(null, false);
            }
            return new Allowed(caller.superuser() ? null : caller.clinicId(), false);
        }
        OptionalLong pathClinic = ClinicPath.clinicId(path);
        if (pathClinic.isEmpty()) {
            return new Refused(404, NOT_FOUND);
        }
        if (caller == null) {
            return new Refused(401, ErrorMappers.UNAUTHENTICATED);
        }
        if (Roles.DISPLAY.equals(caller.role()) && !ClinicPath.isDisplayPath(path)) {
            return new Refused(403, DISPLAY_ONLY_BOARD);
        }
        long requested = pathClinic.getAsLong();
        if (!caller.superuser() && (caller.clinicId() == null || caller.clinicId() != requested)) {
            return new Refused(403, OTHER_CLINIC);
        }
        return new Allowed(requested, true);
    }
}
