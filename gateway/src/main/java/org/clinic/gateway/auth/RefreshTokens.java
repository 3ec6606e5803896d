package org.clinic.gateway.auth;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.UUID;
import org.clinic.common.persistence.NotTenantScoped;
import org.clinic.gateway.config.GatewayConfig;

/**
 * Refresh tokens: 256 random bits handed to the client, only their SHA-256 kept. Rotation
 * revokes the presented token with one conditional UPDATE, so two concurrent refreshes of
 * the same token cannot both succeed; presenting a revoked token revokes its whole family.
 */
@NotTenantScoped("refresh tokens are presented without a clinic; each row is keyed by its hash and user")
@ApplicationScoped
public class RefreshTokens {

    /** What presenting a refresh token led to. */
    public sealed interface Rotation {}

    public record Rotated(long userId, UUID family) implements Rotation {}

    /** Unknown, expired, or a reuse that has just revoked the family. */
    public record Refused() implements Rotation {}

    private final SecureRandom random = new SecureRandom();
    private final Duration lifetime;
    private final Clock clock = Clock.systemUTC();

    public RefreshTokens(GatewayConfig config) {
        this.lifetime = config.jwt().refreshTokenLifetime();
    }

    public Duration lifetime() {
        return lifetime;
    }

    /** Stores a new token of {@code family} and returns its only clear copy. */
    public Uni<String> issue(long userId, UUID family) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String raw = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        RefreshToken token = new RefreshToken();
        token.tokenHash = hash(raw);
        token.userId = userId;
        token.family = family;
        token.createdAt = clock.instant();
        token.expiresAt = token.createdAt.plus(lifetime);
        return Panache.getSession().chain(s -> s.persist(token)).replaceWith(raw);
    }

    /** Revokes {@code raw} if it is live; a revoked one revokes its family. Needs a transaction. */
    public Uni<Rotation> rotate(String raw) {
        String hash = hash(raw);
        Instant now = clock.instant();
        return Panache.getSession().chain(s -> s.createMutationQuery(
                        "update RefreshToken set revokedAt = :now where tokenHash = :hash and revokedAt is null and expiresAt > :now")
                .setParameter("now", now)
                .setParameter("hash", hash)
                .executeUpdate()
                .chain(changed -> s.createSelectionQuery(
                                "from RefreshToken where tokenHash = :hash", RefreshToken.class)
                        .setParameter("hash", hash)
                        .getResultList()
                        .chain(rows -> {
                            if (rows.isEmpty()) {
                                return Uni.createFrom().item((Rotation) new Refused());
                            }
                            RefreshToken token = rows.get(0);
                            if (changed == 1) {
                                return Uni.createFrom().item((Rotation) new Rotated(token.userId, token.family));
                            }
                            return revokeFamily(token.family).replaceWith((Rotation) new Refused());
                        })));
    }

    /** Revokes {@code raw} when it belongs to {@code userId}; says nothing either way. */
    public Uni<Void> revoke(String raw, long userId) {
        return Panache.getSession()
                .chain(s -> s.createMutationQuery(
                                "update RefreshToken set revokedAt = :now where tokenHash = :hash and userId = :user and revokedAt is null")
                        .setParameter("now", clock.instant())
                        .setParameter("hash", hash(raw))
                        .setParameter("user", userId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Void> revokeAllOfUser(long userId) {
        return Panache.getSession()
                .chain(s -> s.createMutationQuery(
                                "update RefreshToken set revokedAt = :now where userId = :user and revokedAt is null")
                        .setParameter("now", clock.instant())
                        .setParameter("user", userId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    public Uni<Void> revokeAllOfClinic(long clinicId) {
        return Panache.getSession()
                .chain(s -> s.createMutationQuery(
                                "update RefreshToken set revokedAt = :now where revokedAt is null and userId in "
                                        + "(select u.id from User u where u.clinicId = :clinic)")
                        .setParameter("now", clock.instant())
                        .setParameter("clinic", clinicId)
                        .executeUpdate())
                .replaceWithVoid();
    }

    private Uni<Void> revokeFamily(UUID family) {
        return Panache.getSession()
                .chain(s -> s.createMutationQuery(
                                "update RefreshToken set revokedAt = :now where family = :family and revokedAt is null")
                        .setParameter("now", clock.instant())
                        .setParameter("family", family)
                        .executeUpdate())
                .replaceWithVoid();
    }

    static String hash(String raw) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(raw.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
