package org.clinic.gateway.edge;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.clinic.common.tenancy.Claims;
import org.clinic.common.tenancy.OnBehalf;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies the bearer token once, at the edge, with the same parser and keys the REST layer
 * uses (RS256, this gateway's JWKS, issuer, expiry), so the rate limits know whom to count and
 * the proxy whom to let through. A token that fails is never trusted for anything: its request
 * counts as anonymous and a clinic route answers 401.
 */
@ApplicationScoped
public class CallerFilter {

    /** After the request id and body-size edge (1000), before the rate limits. */
    static final int PRIORITY = 900;

    private static final String BEARER = "Bearer ";

    /**
     * {@code VerifiedTokens}: a token that verified is remembered for at most a minute and never past its expiry, so
     * the RS256 check runs once per token; {@link Claims#of} reads its claims once. Whether its holder is still active
     * is checked on every request ({@code AccountStatus}).
     */
    private final JWTParser parser;

    public CallerFilter(JWTParser parser) {
        this.parser = parser;
    }

    void register(@Observes Filters filters) {
        filters.register(this::resolve, PRIORITY);
    }

    private void resolve(RoutingContext ctx) {
        ctx.put(
                Caller.KEY,
                caller(
                        ctx.request().getHeader(HttpHeaders.AUTHORIZATION),
                        ctx.request().method().name(),
                        ctx.normalizedPath()));
        ctx.next();
    }

    /** A token minted on a user's behalf ({@link OnBehalf}) counts as no valid token anywhere but where it is for. */
    Caller caller(String authorization, String method, String path) {
        if (authorization == null) {
            return Caller.ANONYMOUS;
        }
        if (authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Caller.INVALID;
        }
        String raw = authorization.substring(BEARER.length()).trim();
        try {
            // strictly at exp, as everywhere (mp.jwt.verify.clock.skew=0, common's defaults)
            JsonWebToken token = parser.parse(raw);
            Claims.Read claims = Claims.of(token);
            if (claims.userId() == null || claims.role() == null) {
                return Caller.INVALID;
            }
            boolean onBehalf = OnBehalf.isOnBehalf(token);
            if (onBehalf && (path == null || !OnBehalf.allows(method, path, token))) {
                return Caller.INVALID;
            }
            return new Caller(Caller.Kind.AUTHENTICATED, claims.userId(), claims.role(), claims.clinicId(), onBehalf);
        } catch (ParseException | RuntimeException e) {
            return Caller.INVALID;
        }
    }
}
