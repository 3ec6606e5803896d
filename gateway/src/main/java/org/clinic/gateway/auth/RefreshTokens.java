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
import org.clinic.common.persistence.NativePlans;
import org.clinic.common.persistence.NotTenantScoped;
import org.clinic.gateway.config.GatewayConfig;
import org.hibernate.reactive.mutiny.Mutiny;

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

    /**
     * Revokes {@code raw} if it is live; presenting a revoked one revokes its family. Needs a
     * transaction. The user's lock serialises this with every other rotation and revocation of
     * the same user, so a reuse cannot miss a successor inserted concurrently, nor a password
     * change a refresh in flight. A token of another clinic than {@code requiredClinic} (a
     * clinic-path refresh) is refused without being used up.
     */
    public Uni<Rotation> rotate(String raw, Long requiredClinic) {
        String hash = hash(raw);
        return Panache.getSession().chain(s -> s.createSelectionQuery(
                        "select t.userId, u.clinicId from RefreshToken t, User u where u.id = t.userId and t.tokenHash = :hash",
                        Object[].class)
                .setParameter("hash", hash)
                .getResultList()
                .chain(rows -> {
                    if (rows.isEmpty()) {
                        return Uni.createFrom().item((Rotation) new Refused());
                    }
                    long userId = (Long) rows.get(0)[0];
                    Long clinicId = (Long) rows.get(0)[1];
                    if (requiredClinic != null && !requiredClinic.equals(clinicId)) {
                        return Uni.createFrom().item((Rotation) new Refused());
                    }
                    return lockUser(s, userId).chain(() -> revokeIfLive(s, hash));
                }));
    }

    private Uni<Rotation> revokeIfLive(Mutiny.Session s, String hash) {
        Instant now = clock.instant();
        return s.createMutationQuery(
                        "update RefreshToken set revokedAt = :now where tokenHash = :hash and revokedAt is null and expiresAt > :now")
                .setParameter("now", now)
                .setParameter("hash", hash)
                .executeUpdate()
                .chain(changed -> s.createSelectionQuery(
                                "from RefreshToken where tokenHash = :hash", RefreshToken.class)
                        .setParameter("hash", hash)
                        .getSingleResult()
                        .chain(token -> changed == 1
                                ? Uni.createFrom().item((Rotation) new Rotated(token.userId, token.family))
                                : revokeFamily(token.family).replaceWith((Rotation) new Refused())));
    }

    /** A transaction-scoped advisory lock on the user id (the only advisory lock in this database). */
    private static Uni<Void> lockUser(Mutiny.Session s, long userId) {
        return NativePlans.bindUncached(
                        s.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(:user)) l", Long.class),
                        "user",
                        userId)
                .getSingleResult()
                .replaceWithVoid();
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
                .call(s -> lockUser(s, userId))
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
