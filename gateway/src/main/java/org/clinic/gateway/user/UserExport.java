package org.clinic.gateway.user;

import jakarta.inject.Singleton;
import org.clinic.common.export.RepositoryExport;

/**
 * The clinic's staff users in its export (API.md §9), each as {@code GET users/{id}/} answers it (deactivated users
 * too, as there; never a password hash, never a superuser: they belong to no clinic).
 */
@Singleton
class UserExport extends RepositoryExport<User> {

    UserExport(UserRepository users) {
        super("users", users, record -> record.id, UserResponse::of);
    }
}
