package org.clinic.gateway.auth;

import io.quarkus.cache.Cache;
import io.quarkus.cache.CacheName;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import org.clinic.common.error.ErrorMappers;
import org.clinic.common.error.Unauthenticated;
import org.clinic.common.tenancy.TenantContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A valid signature is not enough: the user and their clinic must still be active
 * (API.md §2). Their status is cached briefly ({@code clinic.account-status-cache-ttl}), so a
 * deactivation stops access tokens within that time everywhere, and at once on the replica
 * that made it.
 */
@ApplicationScoped
public class AccountStatus {

    private final Cache cache;
    private final Accounts accounts;
    private final TenantContext tenant;

    public AccountStatus(@CacheName("account-status") Cache cache, Accounts accounts, TenantContext tenant) {
        this.cache = cache;
        this.accounts = accounts;
        this.tenant = tenant;
    }

    /** Runs after the tenant filter has resolved the caller. */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 20)
    public Uni<Void> requireActive() {
        Long userId = tenant.userId();
        if (userId == null) {
            return Uni.createFrom().voidItem();
        }
        return isUsable(userId)
                .invoke(usable -> {
                    if (!usable) {
                        throw new Unauthenticated(ErrorMappers.UNAUTHENTICATED);
                    }
                })
                .replaceWithVoid();
    }

    public Uni<Boolean> isUsable(long userId) {
        return cache.getAsync(userId, id -> Panache.withSession(() -> accounts.isUsable((Long) id)));
    }

    public Uni<Void> forgetUser(long userId) {
        return cache.invalidate(userId);
    }

    /** A clinic changed: every cached user may be affected. */
    public Uni<Void> forgetAll() {
        return cache.invalidateAll();
    }
}
