package org.clinic.gateway.edge;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import org.clinic.common.tenancy.Claims;
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

    private final JWTParser parser;

    /**
     * Tokens already verified, until their expiry (at most a minute): an RS256 verification is the
     * most expensive step of a forwarded request, and a front-end sends the same token for an hour.
     * Keyed by the whole token, so a cached entry can only ever stand for that exact signed token;
     * whether its holder is still active is checked on every request ({@code AccountStatus}).
     */
    private final Cache<String, Verified> verified = Caffeine.newBuilder()
            .maximumSize(50_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    private record Verified(Caller caller, long expiresAtSeconds) {}

    public CallerFilter(JWTParser parser) {
        this.parser = parser;
    }

    void register(@Observes Filters filters) {
        filters.register(this::resolve, PRIORITY);
    }

    private void resolve(RoutingContext ctx) {
        ctx.put(Caller.KEY, caller(ctx.request().getHeader(HttpHeaders.AUTHORIZATION)));
        ctx.next();
    }

    Caller caller(String authorization) {
        if (authorization == null) {
            return Caller.ANONYMOUS;
        }
        if (authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Caller.INVALID;
        }
        String raw = authorization.substring(BEARER.length()).trim();
        long now = Instant.now().getEpochSecond();
        Verified known = verified.getIfPresent(raw);
        if (known != null) {
            return known.expiresAtSeconds() > now ? known.caller() : Caller.INVALID;
        }
        try {
            JsonWebToken token = parser.parse(raw);
            Long userId = Claims.userId(token);
            String role = Claims.role(token);
            if (userId == null || role == null) {
                return Caller.INVALID;
            }
            Caller caller = new Caller(Caller.Kind.AUTHENTICATED, userId, role, Claims.clinicId(token));
            verified.put(raw, new Verified(caller, token.getExpirationTime()));
            return caller;
        } catch (ParseException | RuntimeException e) {
            return Caller.INVALID;
        }
    }
}
