package org.clinic.gateway.auth;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.clinic.common.persistence.NotTenantScoped;
import org.clinic.gateway.clinic.Clinic;
import org.clinic.gateway.user.User;

/**
 * Identity lookups that precede tenancy: a login names a user, not a clinic, so these
 * queries look across clinics by design. This is the one place outside the tenant-scoped
 * repositories that reads users without a clinic filter; nothing here is exposed as data.
 */
@NotTenantScoped("login names a user, not a clinic: lookups precede tenancy")
@ApplicationScoped
public class Accounts {

    /** A user with their clinic (null for a superuser). */
    public record Account(User user, Clinic clinic) {
        public boolean usable() {
            return user.active && (clinic == null || clinic.active);
        }
    }

    public Uni<Account> byUsername(String username) {
        return Panache.getSession()
                .chain(s -> s.createSelectionQuery("from User where lower(username) = lower(:username)", User.class)
                        .setParameter("username", username)
                        .getResultList())
                .chain(users -> users.isEmpty() ? Uni.createFrom().nullItem() : withClinic(users.get(0)));
    }

    /** {@link #byId} in a session of its own: a superuser's profile, which belongs to no clinic. */
    public Uni<Account> platformAccount(long userId) {
        return Panache.withSession(() -> byId(userId));
    }

    public Uni<Account> byId(long userId) {
        return Panache.getSession()
                .chain(s -> s.find(User.class, userId))
                .chain(user -> user == null ? Uni.createFrom().nullItem() : withClinic(user));
    }

    private Uni<Account> withClinic(User user) {
        if (user.getClinicId() == null) {
            return Uni.createFrom().item(new Account(user, null));
        }
        return Panache.getSession()
                .chain(s -> s.find(Clinic.class, user.getClinicId()))
                .map(clinic -> new Account(user, clinic));
    }
}
