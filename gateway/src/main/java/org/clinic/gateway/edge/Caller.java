package org.clinic.gateway.edge;

import io.vertx.ext.web.RoutingContext;
import org.clinic.common.tenancy.Roles;

/**
 * Who sent a request, as the edge sees it before any route runs: nobody (no
 * {@code Authorization}), somebody whose token failed verification, or a verified token's
 * holder. Resolved once per request by {@link CallerFilter}; the rate limits and the proxy read it. {@code onBehalf}:
 * the token is one this gateway minted for its own work on a user's behalf (an export's calls to itself), which the
 * user's request that started the work was already counted for.
 */
public record Caller(Kind kind, Long userId, String role, Long clinicId, boolean onBehalf) {

    public enum Kind {
        ANONYMOUS,
        INVALID,
        AUTHENTICATED
    }

    static final String KEY = "clinic.caller";
    static final Caller ANONYMOUS = new Caller(Kind.ANONYMOUS, null, null, null, false);
    static final Caller INVALID = new Caller(Kind.INVALID, null, null, null, false);

    public boolean authenticated() {
        return kind == Kind.AUTHENTICATED;
    }

    public boolean superuser() {
        return Roles.SUPERUSER.equals(role);
    }

    static Caller of(RoutingContext ctx) {
        Caller caller = ctx.get(KEY);
        return caller != null ? caller : ANONYMOUS;
    }
}
