package org.clinic.common.tenancy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * The JWT parser every process verifies bearer tokens with (Quarkus's MpJwtValidator and the gateway's
 * CallerFilter take it in place of SmallRye's own): the same verification (RS256, the configured keys,
 * issuer, expiry), remembered for tokens that passed it. A front-end sends the same access token for its
 * whole life, and an RS256 verification was 18 % of a patient read's CPU in patients-service
 * (bench/results/perf-2026-12-02.md). Only a token that verified is kept, keyed by the whole signed string,
 * so an entry can only ever stand for that exact token; it is kept at most a minute and never answers past
 * the token's {@code exp}. Every process's tokens stop strictly at {@code exp}, on every route (issue 26): SmallRye's
 * own check allows a clock skew that its configuration cannot set to zero. A retired signing key's tokens therefore stop within that minute once it leaves
 * the keys (docs/decisions.md §11). The other methods (explicit keys, decryption) are passed through.
 */
@Alternative
@Priority(1)
@Singleton
public class VerifiedTokens implements JWTParser {

    private final DefaultJWTParser parser;

    private final Cache<String, JsonWebToken> verified = Caffeine.newBuilder()
            .maximumSize(50_000)
            .expireAfterWrite(Duration.ofMinutes(1))
            .build();

    public VerifiedTokens(DefaultJWTParser parser) {
        this.parser = parser;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        JsonWebToken known = verified.getIfPresent(token);
        if (known != null) {
            if (known.getExpirationTime() > Instant.now().getEpochSecond()) {
                return known;
            }
            verified.invalidate(token);
        }
        // verifies signature, issuer and expiry, or throws: nothing unverified is ever kept
        JsonWebToken fresh = parser.parse(token);
        if (fresh.getExpirationTime() <= Instant.now().getEpochSecond()) {
            // SmallRye allows a clock skew past exp (60 s by default, and mp.jwt.verify.clock.skew=0 leaves it so)
            throw new ParseException("The token has expired");
        }
        verified.put(token, fresh);
        return fresh;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return parser.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return parser.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return parser.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return parser.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return parser.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return parser.parseOnly(token);
    }
}
