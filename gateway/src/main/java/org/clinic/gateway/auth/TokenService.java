package org.clinic.gateway.auth;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.clinic.common.audit.AuditWriter;
import org.clinic.common.error.Unauthenticated;
import org.clinic.common.persistence.NotTenantScoped;
import org.clinic.gateway.auth.Accounts.Account;
import org.clinic.gateway.user.PasswordHasher;
import org.jboss.logging.Logger;

/** Login, refresh with rotation and reuse detection, logout (API.md §2). */
@ApplicationScoped
@NotTenantScoped(
        "login and refresh name a user or a token, not a clinic: the identity tables are read before any clinic is known")
public class TokenService {

    /** One message for every failed login, so none reveals which part was wrong. */
    public static final String BAD_CREDENTIALS = "No active account found with the given credentials.";

    public static final String BAD_REFRESH = "Token is invalid or expired.";
    private static final Logger LOG = Logger.getLogger(TokenService.class);

    private final Accounts accounts;
    private final RefreshTokens refreshTokens;
    private final AccessTokens accessTokens;
    private final PasswordHasher hasher;
    private final AuditWriter audit;

    public TokenService(
            Accounts accounts,
            RefreshTokens refreshTokens,
            AccessTokens accessTokens,
            PasswordHasher hasher,
            AuditWriter audit) {
        this.accounts = accounts;
        this.refreshTokens = refreshTokens;
        this.accessTokens = accessTokens;
        this.hasher = hasher;
        this.audit = audit;
    }

    /** {@code requiredClinic} is the clinic of a clinic-scoped login path, or null. */
    public Uni<TokenResponse> login(String username, String password, Long requiredClinic) {
        return Panache.withSession(() -> accounts.byUsername(username))
                .chain(account -> hasher.matches(password, account == null ? null : account.user().passwordHash)
                        .chain(matches -> {
                            boolean ok = matches && account.usable() && inClinic(account, requiredClinic);
                            return ok
                                    ? Panache.withTransaction(() -> issue(account, UUID.randomUUID(), "login"))
                                    : recordFailure(account).chain(() -> Uni.createFrom()
                                            .failure(new Unauthenticated(BAD_CREDENTIALS)));
                        }));
    }

    public Uni<TokenResponse> refresh(String raw, Long requiredClinic) {
        return Panache.withTransaction(
                        () -> refreshTokens.rotate(raw, requiredClinic).chain(rotation -> {
                            if (!(rotation instanceof RefreshTokens.Rotated rotated)) {
                                return Uni.createFrom().nullItem();
                            }
                            return accounts.byId(rotated.userId())
                                    .chain(account ->
                                            account != null && account.usable() && inClinic(account, requiredClinic)
                                                    ? issue(account, rotated.family(), null)
                                                    : Uni.createFrom().<TokenResponse>nullItem());
                        }))
                .onItem()
                .ifNull()
                .failWith(() -> new Unauthenticated(BAD_REFRESH));
    }

    public Uni<Void> logout(String raw, long userId) {
        return Panache.withTransaction(() -> refreshTokens.revoke(raw, userId));
    }

    private Uni<TokenResponse> issue(Account account, UUID family, String auditAction) {
        Long clinicId = account.clinic() == null ? null : account.clinic().id;
        Uni<String> refresh = refreshTokens.issue(account.user().id, family);
        if (auditAction != null) {
            refresh = refresh.call(() -> audit.record(
                    clinicId,
                    account.user().id,
                    account.user().role,
                    auditAction,
                    "user",
                    account.user().id,
                    List.of()));
        }
        return refresh.map(token -> new TokenResponse(
                accessTokens.mint(account.user(), account.clinic()),
                token,
                "Bearer",
                accessTokens.lifetime().toSeconds(),
                clinicId,
                account.clinic() == null ? null : account.clinic().name,
                account.user().username,
                account.user().role));
    }

    /** Recorded in the clinic of the named user; a username that exists nowhere goes to the platform. */
    private Uni<Void> recordFailure(Account account) {
        Long clinicId = account == null || account.clinic() == null ? null : account.clinic().id;
        Long userId = account == null ? null : account.user().id;
        return Panache.withTransaction(
                        () -> audit.record(clinicId, userId, null, "login_failed", "user", userId, List.of()))
                .onFailure()
                .invoke(e -> LOG.warn("could not record a failed login", e))
                .onFailure()
                .recoverWithNull();
    }

    private static boolean inClinic(Account account, Long requiredClinic) {
        return requiredClinic == null
                || (account.clinic() != null && account.clinic().id.longValue() == requiredClinic.longValue());
    }
}
