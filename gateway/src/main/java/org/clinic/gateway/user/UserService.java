package org.clinic.gateway.user;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.function.UnaryOperator;
import org.clinic.common.audit.AuditWriter;
import org.clinic.common.audit.ChangeSet;
import org.clinic.common.error.Conflict;
import org.clinic.common.error.InvalidRequest;
import org.clinic.common.error.NotFound;
import org.clinic.common.pagination.Page;
import org.clinic.common.pagination.PageRequest;
import org.clinic.common.pagination.Search;
import org.clinic.common.persistence.ClinicTransactions;
import org.clinic.common.persistence.Where;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.common.web.Etags;
import org.clinic.gateway.auth.AccountStatus;
import org.clinic.gateway.auth.Accounts;
import org.clinic.gateway.auth.RefreshTokens;

/** A clinic's staff users (API.md §2): created and managed by its admins or a superuser. */
@ApplicationScoped
public class UserService {

    private static final String NOT_FOUND = "User not found.";

    private final UserRepository users;
    private final Accounts accounts;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final RefreshTokens refreshTokens;
    private final AccountStatus accountStatus;
    private final AuditWriter audit;
    private final TenantContext tenant;
    private final DoctorNameRelay doctorNames;

    private final ClinicTransactions transactions;
    private final Clock clock;

    public UserService(
            UserRepository users,
            Accounts accounts,
            PasswordPolicy policy,
            PasswordHasher hasher,
            RefreshTokens refreshTokens,
            AccountStatus accountStatus,
            AuditWriter audit,
            TenantContext tenant,
            DoctorNameRelay doctorNames,
            ClinicTransactions transactions,
            Clock clock) {
        this.clock = clock;

        this.transactions = transactions;
        this.users = users;
        this.accounts = accounts;
        this.policy = policy;
        this.hasher = hasher;
        this.refreshTokens = refreshTokens;
        this.accountStatus = accountStatus;
        this.audit = audit;
        this.tenant = tenant;
        this.doctorNames = doctorNames;
    }

    public Uni<Page<User>> list(PageRequest page, String role, Boolean active, String search, String orderBy) {
        String pattern = Search.containsPattern(search);
        Where where = Where.all().andIf(role, "role = :role", "role").andIf(active, "active = :active", "active");
        if (pattern != null) {
            where.and(
                    "lower(username) like :p" + Search.ESCAPE + " or lower(firstName) like :p" + Search.ESCAPE
                            + " or lower(lastName) like :p" + Search.ESCAPE,
                    "p",
                    pattern);
        }
        return transactions.run(() -> users.page(where, orderBy, page));
    }

    public Uni<User> get(long id) {
        return transactions.run(() -> users.findOwnedOrThrow(id, NOT_FOUND));
    }

    /** The caller's own profile; a superuser's has no clinic. */
    public Uni<User> me() {
        if (tenant.isSuperuser()) {
            return accounts.platformAccount(tenant.userId())
                    .onItem()
                    .ifNull()
                    .failWith(() -> new NotFound(NOT_FOUND))
                    .map(Accounts.Account::user);
        }
        return get(tenant.userId());
    }

    /**
     * A new user's password, checked against the policy and hashed before any transaction opens (bcrypt takes a
     * worker thread for tens of milliseconds; no connection waits on it).
     */
    public Uni<String> passwordHashFor(UserRequest request) {
        if (request.password() == null) {
            throw InvalidRequest.field("password", "This field is required.");
        }
        policy.require(request.password(), request.username());
        return hasher.hash(request.password());
    }

    public Uni<User> create(UserRequest request, String passwordHash) {
        return transactions.run(
                () -> requireFreeUsername(request.username(), null).chain(() -> {
                    User user = new User();
                    ChangeSet changes = apply(user, request, true);
                    user.passwordHash = passwordHash;
                    user.dateJoined = clock.instant();
                    return users.persist(user)
                            .call(u -> users.flush())
                            .call(u -> audit.record("create", "user", u.id, changes.fields()));
                }));
    }

    /**
     * PUT and PATCH: {@code edit} turns the current writable fields into the new ones. Reading,
     * merging and writing happen in one transaction (the version column refuses a concurrent
     * writer); a new password is checked and hashed only once the user and If-Match are known good.
     */
    public Uni<User> update(long id, UnaryOperator<UserRequest> edit, String ifMatch) {
        return transactions
                .run(() -> users.findOwnedOrThrow(id, NOT_FOUND).chain(user -> {
                    Etags.requireMatch(ifMatch, user.version);
                    UserRequest request = edit.apply(UserRequest.of(user));
                    if (Boolean.FALSE.equals(request.isActive()) && user.id.equals(tenant.userId())) {
                        throw new Conflict("You cannot deactivate your own account.");
                    }
                    if (request.password() != null) {
                        policy.require(request.password(), request.username());
                    }
                    return requireFreeUsername(request.username(), user.id)
                            .chain(() -> request.password() == null
                                    ? Uni.createFrom().<String>nullItem()
                                    : hasher.hash(request.password()))
                            .chain(hash -> write(user, request, hash));
                }))
                .invoke(written -> accountStatus.forgetUser(written.user().id))
                .call(written -> renamedDoctor(written)
                        ? doctorNames.deliverNow(written.user().id)
                        : Uni.createFrom().voidItem())
                .map(Written::user);
    }

    /** A user as written, and which fields changed. */
    private record Written(User user, ChangeSet changes) {}

    /**
     * A doctor's profile shows their name: a rename writes, in its own transaction, that doctors-service is to re-read
     * it, and the relay delivers that after the commit, now or (if doctors-service or this process fails first) later
     * ({@link DoctorNameRelay}).
     */
    private static boolean renamedDoctor(Written written) {
        User user = written.user();
        boolean renamed =
                written.changes().contains("first_name") || written.changes().contains("last_name");
        return Roles.DOCTOR.equals(user.role) && user.getClinicId() != null && renamed;
    }

    private Uni<Written> write(User user, UserRequest request, String newHash) {
        ChangeSet changes = apply(user, request, false);
        if (newHash != null) {
            user.passwordHash = newHash;
            changes.set("password", null, "changed", v -> {});
        }
        Written written = new Written(user, changes);
        return endSessionsIfNeeded(user, changes)
                .chain(users::flush)
                .call(() -> changes.isEmpty()
                        ? Uni.createFrom().voidItem()
                        : audit.record("update", "user", user.id, changes.fields()))
                .call(() -> renamedDoctor(written)
                        ? doctorNames.record(user.getClinicId(), user.id, tenant.userId())
                        : Uni.createFrom().voidItem())
                .replaceWith(written);
    }

    /** DELETE deactivates (API.md §2): refresh stops at once, access tokens within the status cache's lifetime. */
    public Uni<Void> deactivate(long id) {
        return transactions
                .run(() -> users.findOwnedOrThrow(id, NOT_FOUND).chain(user -> {
                    if (user.id.equals(tenant.userId())) {
                        throw new Conflict("You cannot deactivate your own account.");
                    }
                    ChangeSet changes = new ChangeSet().set("is_active", user.active, false, v -> user.active = v);
                    return endSessionsIfNeeded(user, changes)
                            .chain(users::flush)
                            .call(() -> audit.record("delete", "user", user.id, changes.fields()))
                            .replaceWith(user);
                }))
                .invoke(user -> accountStatus.forgetUser(user.id))
                .replaceWithVoid();
    }

    private ChangeSet apply(User u, UserRequest r, boolean creating) {
        return new ChangeSet()
                .set("username", u.username, r.username(), v -> u.username = v)
                .set("first_name", u.firstName, r.firstName() == null ? "" : r.firstName(), v -> u.firstName = v)
                .set("last_name", u.lastName, r.lastName() == null ? "" : r.lastName(), v -> u.lastName = v)
                .set("email", u.email, r.email(), v -> u.email = v)
                .set("role", u.role, r.role(), v -> u.role = v)
                .set(
                        "is_active",
                        creating ? null : u.active,
                        r.isActive() == null ? (creating || u.active) : r.isActive(),
                        v -> u.active = v);
    }

    /** A password change or a deactivation ends every refresh token of the user, in the same transaction. */
    private Uni<Void> endSessionsIfNeeded(User user, ChangeSet changes) {
        boolean deactivated = changes.contains("is_active") && !user.active;
        return changes.contains("password") || deactivated
                ? refreshTokens.revokeAllOfUser(user.id)
                : Uni.createFrom().voidItem();
    }

    private Uni<Void> requireFreeUsername(String username, Long ownId) {
        return users.usernameTaken(username, ownId)
                .invoke(taken -> {
                    if (taken) {
                        throw new Conflict("A user with that username already exists.");
                    }
                })
                .replaceWithVoid();
    }
}
