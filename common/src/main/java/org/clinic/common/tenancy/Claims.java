package org.clinic.common.tenancy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.json.JsonNumber;
import jakarta.json.JsonString;
import java.time.Duration;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Reads this platform's claims (API.md §2) from a verified token, tolerant of JSON number types. */
public final class Claims {

    public static final String CLINIC_ID = "clinic_id";
    public static final String CLINIC_NAME = "clinic_name";
    public static final String ROLE = "role";

    /** This platform's claims of one token, read together. */
    public record Read(Long userId, String role, Long clinicId, String name) {}

    /**
     * The claims of tokens read in the last minute, by the whole signed token (an entry can only stand for that
     * exact token, whose claims never change). SmallRye's {@code getClaim} throws and catches an
     * IllegalArgumentException for every claim name outside the JWT standard ones, so reading {@code role},
     * {@code clinic_id} and {@code name} on every request was 3 % of a patient read's CPU in patients-service
     * (bench/results/perf-2026-12-02.md); a front-end sends the same token for its whole life.
     */
    private static final Cache<String, Read> READ = Caffeine.newBuilder()
            .maximumSize(50_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    private Claims() {}

    /** The caller's user id, role, clinic and name, read once per token. */
    public static Read of(JsonWebToken token) {
        String raw = token.getRawToken();
        return raw == null ? read(token) : READ.get(raw, r -> read(token));
    }

    private static Read read(JsonWebToken token) {
        return new Read(userId(token), role(token), clinicId(token), name(token));
    }

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
