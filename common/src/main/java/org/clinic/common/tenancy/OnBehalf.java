package org.clinic.common.tenancy;

import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Tokens the gateway mints for a user to finish, on their behalf, a change they made (its outbox relay: a doctor's
 * rename told to doctors-service, docs/decisions.md §26). They carry RFC 8693's {@code act} claim and are good for
 * nothing but that: {@code POST doctors/refresh-user/} at doctors-service, and the {@code GET users/{id}/} it makes
 * at the gateway to read the name; and an export's calls to the process owning a resource (API.md §9):
 * {@code POST export-files/{export}/{resource}/}, which writes that resource's file of an export the admin asked for,
 * and {@code GET export-files/{export}/{resource}/{n}}, a piece of it, read for a download or the audit events' merge. Anywhere else such a token is refused, at the gateway and in every service.
 */
public final class OnBehalf {

    public static final String CLAIM = "act";

    /** What the token was minted for; absent is a rename's (tokens minted before exports existed). */
    public static final String PURPOSE = "purpose";

    public static final String RENAME = "rename";
    public static final String EXPORT = "export";

    private static final Pattern REFRESH = Pattern.compile("/api/v1/clinics/[1-9][0-9]{0,17}/doctors/refresh-user/?");
    private static final Pattern EXPORT_FILE =
            Pattern.compile("/api/v1/clinics/[1-9][0-9]{0,17}/export-files/[1-9][0-9]{0,17}/[a-z_]{1,40}/?");
    private static final Pattern EXPORT_PIECE = Pattern.compile(
            "/api/v1/clinics/[1-9][0-9]{0,17}/export-files/[1-9][0-9]{0,17}/[a-z_]{1,40}/(0|[1-9][0-9]{0,8})/?");
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

    /**
     * Whether a request with such a token may be made ({@code path} as the server decoded it, with its leading /): each
     * purpose its own calls, so a token minted for one piece of work is good for no other.
     */
    public static boolean allows(String method, String path, JsonWebToken token) {
        return allows(method, path, purposeOf(token));
    }

    static boolean allows(String method, String path, String purpose) {
        String p = path.startsWith("/") ? path : "/" + path;
        if (EXPORT.equals(purpose)) {
            return ("POST".equals(method) && EXPORT_FILE.matcher(p).matches())
                    || ("GET".equals(method) && EXPORT_PIECE.matcher(p).matches());
        }
        return RENAME.equals(purpose)
                && (("POST".equals(method) && REFRESH.matcher(p).matches())
                        || ("GET".equals(method) && USER.matcher(p).matches()));
    }

    /** Whether {@code token} was minted on a user's behalf for {@code purpose}. */
    public static boolean isFor(JsonWebToken token, String purpose) {
        return isOnBehalf(token) && purpose.equals(purposeOf(token));
    }

    private static String purposeOf(JsonWebToken token) {
        Set<String> names = token.getClaimNames();
        if (names == null || !names.contains(PURPOSE)) {
            return RENAME;
        }
        Object purpose = token.getClaim(PURPOSE);
        String value = purpose == null ? null : purpose.toString();
        // a JSON string claim may come back quoted
        return value != null && value.length() > 1 && value.startsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }
}
