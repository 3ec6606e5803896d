package org.clinic.gateway.auth;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.clinic.common.tenancy.OnBehalf;
import org.clinic.gateway.clinic.Clinic;
import org.clinic.gateway.config.GatewayConfig;
import org.clinic.gateway.user.User;

/** Mints the RS256 access tokens with the claims API.md §2 lists. */
@ApplicationScoped
public class AccessTokens {

    private final SigningKeys keys;
    private final Duration lifetime;

    public AccessTokens(SigningKeys keys, GatewayConfig config) {
        this.keys = keys;
        this.lifetime = config.jwt().accessTokenLifetime();
    }

    public Duration lifetime() {
        return lifetime;
    }

    public String mint(User user, Clinic clinic) {
        return claims(user, clinic, lifetime).jws().keyId(keys.keyId()).sign(keys.privateKey());
    }

    /**
     * A token of {@code user}'s for the gateway to finish, on their behalf, a change they made (the outbox's relay
     * telling another service, user/DoctorNameRelay): short-lived, and naming the gateway as the acting party
     * (RFC 8693's {@code act}), so the other service applies the user's clinic and role and audits them as the actor.
     * It never leaves the call it is minted for.
     */
    public String mintOnBehalf(User user, Clinic clinic, Duration validFor, String purpose) {
        return claims(user, clinic, validFor)
                .claim(OnBehalf.CLAIM, Map.of("sub", "gateway"))
                .claim(OnBehalf.PURPOSE, purpose)
                .jws()
                .keyId(keys.keyId())
                .sign(keys.privateKey());
    }

    private JwtClaimsBuilder claims(User user, Clinic clinic, Duration validFor) {
        Instant now = Instant.now();
        JwtClaimsBuilder claims = Jwt.issuer(keys.issuer())
                .subject(String.valueOf(user.id))
                .upn(user.username)
                .groups(Set.of(user.role))
                .claim("role", user.role)
                .claim("name", user.fullName())
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(validFor));
        if (clinic != null) {
            claims.claim("clinic_id", clinic.id).claim("clinic_name", clinic.name);
        }
        return claims;
    }
}
