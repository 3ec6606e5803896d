package org.clinic.gateway.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowIterator;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Objects;
import java.util.Optional;
import org.clinic.common.persistence.NotTenantScoped;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.gateway.config.GatewayConfig;

/**
 * A valid signature is not enough (API.md §2): the user must still exist, be active, hold the
 * role the token names, and belong to an active clinic. What the database says is cached per
 * user for {@code clinic.account-status-cache-ttl} (30 s), so a deactivation or a role change
 * stops older access tokens within that time on every replica, and at once on the replica that
 * made it (its cache entry is dropped after the change commits). A superuser acting under a
 * clinic's path needs that clinic to exist.
 *
 * <p>Read by {@code edge.Admission}, for the gateway's own resources and in front of the services,
 * outside the REST layer; so the lookups are
 * plain statements on the reactive pool, not Hibernate sessions. Each request loads a missing
 * entry itself; no request waits on a load started by another.
 */
@ApplicationScoped
@NotTenantScoped("a token's holder is looked up by user id before any clinic is trusted")
public class AccountStatus {

    /** What a token's holder currently is; {@code null} role means no such user. */
    public record Status(boolean usable, String role) {
        public boolean allows(String tokenRole) {
            return usable && Objects.equals(role, tokenRole);
        }
    }

    /** A clinic as the edge needs it: whether it is active and its own hourly limit, if any. */
    public record ClinicInfo(boolean active, Integer rateLimitPerHour) {}

    private final Cache<Long, Status> users;
    private final Cache<Long, Optional<ClinicInfo>> clinics;
    private final Pool pool;
    private final TenantContext tenant;

    public AccountStatus(GatewayConfig config, Pool pool, TenantContext tenant) {
        this.users = Caffeine.newBuilder()
                .expireAfterWrite(config.accountStatusCacheTtl())
                .maximumSize(100_000)
                .build();
        this.clinics = Caffeine.newBuilder()
                .expireAfterWrite(config.accountStatusCacheTtl())
                .maximumSize(100_000)
                .build();
        this.pool = pool;
        this.tenant = tenant;
    }

    public Uni<Status> status(long userId) {
        Status cached = users.getIfPresent(userId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return pool.preparedQuery("SELECT u.is_active AND coalesce(c.is_active, true), u.role"
                        + " FROM app_user u LEFT JOIN clinic c ON c.id = u.clinic_id WHERE u.id = $1")
                .execute(Tuple.of(userId))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        return new Status(false, null);
                    }
                    Row row = it.next();
                    return new Status(row.getBoolean(0), row.getString(1));
                })
                .invoke(status -> users.put(userId, status));
    }

    /** The clinic, empty when there is no such clinic. */
    public Uni<Optional<ClinicInfo>> clinic(long clinicId) {
        Optional<ClinicInfo> cached = clinics.getIfPresent(clinicId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return pool.preparedQuery("SELECT is_active, rate_limit_per_hour FROM clinic WHERE id = $1")
                .execute(Tuple.of(clinicId))
                .map(rows -> {
                    RowIterator<Row> it = rows.iterator();
                    if (!it.hasNext()) {
                        return Optional.<ClinicInfo>empty();
                    }
                    Row row = it.next();
                    return Optional.of(new ClinicInfo(row.getBoolean(0), row.getInteger(1)));
                })
                .invoke(found -> {
                    if (found.isPresent()) { // never a negative entry: the clinic may be created next
                        clinics.put(clinicId, found);
                    }
                });
    }

    /** Call after the change has committed, so no request re-caches the old state. */
    public void forgetUser(long userId) {
        users.invalidate(userId);
    }

    /** A clinic changed (or was created): any cached user or clinic may be affected. */
    public void forgetAll() {
        users.invalidateAll();
        clinics.invalidateAll();
    }
}
