package org.clinic.gateway.user;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import org.clinic.common.persistence.NotTenantScoped;
import org.clinic.common.persistence.TenantScopedRepository;
import org.clinic.common.tenancy.TenantContext;

/** A clinic's staff users, always within the request's clinic. */
@NotTenantScoped("usernames are unique across the install: usernameTaken() answers yes/no beyond the clinic")
@Singleton
class UserRepository extends TenantScopedRepository<User> {

    UserRepository(TenantContext tenant) {
        super(User.class, tenant);
    }

    /** Usernames are unique across the install, so this one check looks beyond the clinic; it returns only a yes/no. */
    Uni<Boolean> usernameTaken(String username, Long exceptUserId) {
        return Panache.getSession()
                .chain(s -> s.createSelectionQuery(
                                "select count(*) from User where lower(username) = lower(:u) and id <> :except",
                                Long.class)
                        .setParameter("u", username)
                        .setParameter("except", exceptUserId == null ? -1L : exceptUserId)
                        .getSingleResult())
                .map(n -> n > 0);
    }
}
