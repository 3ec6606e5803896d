package org.clinic.common.tenancy;

import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Reads this platform's claims (API.md §2) from a verified token, tolerant of JSON number types. */
public final class Claims {

    public static final String CLINIC_ID = "clinic_id";
    public static final String CLINIC_NAME = "clinic_name";
    public static final String ROLE = "role";

    private Claims() {}

    public static Long clinicId(JsonWebToken token) {
        return asLong(token.getClaim(CLINIC_ID));
    }

    public static Long userId(JsonWebToken token) {
        return asLong(token.getSubject());
    }

    public static String role(JsonWebToken token) {
        return string(token, ROLE);
    }

    /** The caller's full name ({@code name} claim). */
    public static String name(JsonWebToken token) {
        return string(token, "name");
    }

    private static String string(JsonWebToken token, String claim) {
        Object value = token.getClaim(claim);
        if (value instanceof JsonString s) {
            return s.getString();
        }
        return value == null ? null : value.toString();
    }

    static Long asLong(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNumber n) {
            return n.longValueExact();
        }
        if (value instanceof Number n) {
            return n.longValue();
        }
        String text = value instanceof JsonString s ? s.getString() : value.toString();
        try {
            return Long.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
