package org.clinic.common.tenancy;

import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Tokens the gateway mints for a user to finish, on their behalf, a change they made (its outbox relay: a doctor's
 * rename told to doctors-service, docs/decisions.md §26). They carry RFC 8693's {@code act} claim and are good for
 * nothing but that: {@code POST doctors/refresh-user/} at doctors-service, and the {@code GET users/{id}/} it makes
 * at the gateway to read the name. Anywhere else such a token is refused, at the gateway and in every service.
 */
public final class OnBehalf {

    public static final String CLAIM = "act";

    private static final Pattern REFRESH = Pattern.compile("/api/v1/clinics/[1-9][0-9]{0,17}/doctors/refresh-user/?");
    private static final Pattern USER = Pattern.compile("/api/v1/clinics/[1-9][0-9]{0,17}/users/[1-9][0-9]{0,17}/?");

    private OnBehalf() {}

    public static boolean isOnBehalf(JsonWebToken token) {
        if (token == null) {
            return false;
        }
        // not containsClaim: SmallRye looks a name up among the standard claims first, and for any other name
        // (act is not one) builds an IllegalArgumentException with its stack trace, on every request (issue 25)
        Set<String> names = token.getClaimNames();
        return names != null && names.contains(CLAIM);
    }

    /** Whether a request with such a token may be made ({@code path} as the server decoded it, with its leading /). */
    public static boolean allows(String method, String path) {
        String p = path.startsWith("/") ? path : "/" + path;
        return ("POST".equals(method) && REFRESH.matcher(p).matches())
                || ("GET".equals(method) && USER.matcher(p).matches());
    }
}
