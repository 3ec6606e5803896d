package org.clinic.gateway.auth;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
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
        Instant now = Instant.now();
        JwtClaimsBuilder claims = Jwt.issuer(keys.issuer())
                .subject(String.valueOf(user.id))
                .upn(user.username)
                .groups(Set.of(user.role))
                .claim("role", user.role)
                .claim("name", user.fullName())
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(now)
                .expiresAt(now.plus(lifetime));
        if (clinic != null) {
            claims.claim("clinic_id", clinic.id).claim("clinic_name", clinic.name);
        }
        return claims.jws().keyId(keys.keyId()).sign(keys.privateKey());
    }
}
