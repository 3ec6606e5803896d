package org.clinic.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Objects;
import org.clinic.common.error.ErrorMappers;
import org.clinic.common.error.NotFound;
import org.clinic.common.error.Unauthenticated;
import org.clinic.common.tenancy.ClinicPath;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.gateway.config.GatewayConfig;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A valid signature is not enough (API.md §2): the user must still exist, be active, hold the
 * role the token names, and belong to an active clinic. What the database says is cached per
 * user for {@code clinic.account-status-cache-ttl} (30 s), so a deactivation or a role change
 * stops older access tokens within that time on every replica, and at once on the replica that
 * made it (its cache entry is dropped after the change commits). A superuser acting under a
 * clinic's path needs that clinic to exist.
 *
 * <p>Each request loads a missing entry itself, on its own context; no request ever waits on a
 * load started by another, so no continuation runs on another request's context.
 */
@ApplicationScoped
public class AccountStatus {

    /** What a token's holder currently is; {@code null} role means no such user. */
    record Status(boolean usable, String role) {}

    private final Cache<Long, Status> users;
    private final Cache<Long, Boolean> clinics;
    private final Accounts accounts;
    private final TenantContext tenant;

    public AccountStatus(GatewayConfig config, Accounts accounts, TenantContext tenant) {
        this.users = Caffeine.newBuilder()
                .expireAfterWrite(config.accountStatusCacheTtl())
                .maximumSize(100_000)
                .build();
        this.clinics = Caffeine.newBuilder()
                .expireAfterWrite(config.accountStatusCacheTtl())
                .maximumSize(100_000)
                .build();
        this.accounts = accounts;
        this.tenant = tenant;
    }

    /** Runs after the tenant filter has resolved the caller. */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 20)
    public Uni<Void> requireActive(ContainerRequestContext request) {
        Long userId = tenant.userId();
        if (userId == null) {
            return Uni.createFrom().voidItem();
        }
        String tokenRole = tenant.role();
        Uni<Void> checked = status(userId)
                .invoke(status -> {
                    if (!status.usable() || !Objects.equals(status.role(), tokenRole)) {
                        throw new Unauthenticated(ErrorMappers.UNAUTHENTICATED);
                    }
                })
                .replaceWithVoid();
        if (tenant.isSuperuser() && ClinicPath.isClinicPath(request.getUriInfo().getPath())) {
            long clinicId = tenant.clinicId();
            checked = checked.chain(() -> clinicExists(clinicId))
                    .invoke(exists -> {
                        if (!exists) {
                            throw new NotFound("Clinic not found.");
                        }
                    })
                    .replaceWithVoid();
        }
        return checked;
    }

    private Uni<Status> status(long userId) {
        Status cached = users.getIfPresent(userId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return Panache.withSession(() -> accounts.byId(userId))
                .map(account ->
                        account == null ? new Status(false, null) : new Status(account.usable(), account.user().role))
                .invoke(status -> users.put(userId, status));
    }

    private Uni<Boolean> clinicExists(long clinicId) {
        Boolean cached = clinics.getIfPresent(clinicId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return Panache.withSession(() -> accounts.clinicExists(clinicId)).invoke(exists -> {
            if (exists) {
                clinics.put(clinicId, true);
            }
        });
    }

    /** Call after the change has committed, so no request re-caches the old state. */
    public void forgetUser(long userId) {
        users.invalidate(userId);
    }

    /** A clinic changed: any cached user may be affected. */
    public void forgetAll() {
        users.invalidateAll();
    }
}
