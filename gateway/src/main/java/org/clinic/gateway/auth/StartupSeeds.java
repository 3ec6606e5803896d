package org.clinic.gateway.auth;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.clinic.common.ops.InvalidSetting;
import org.clinic.common.persistence.NotTenantScoped;
import org.clinic.common.tenancy.Roles;
import org.clinic.gateway.config.GatewayConfig;
import org.clinic.gateway.user.PasswordHasher;
import org.clinic.gateway.user.PasswordPolicy;
import org.jboss.logging.Logger;

/**
 * Accounts made on start, idempotently: the platform superuser from CLINIC_SUPERUSER_USERNAME /
 * CLINIC_SUPERUSER_PASSWORD, and, when asked (clinic.demo.seed; bin/clinic asks unless given
 * --no-demo), a demo clinic with an admin, a doctor and a receptionist. Inserts are
 * {@code ON CONFLICT DO NOTHING}, so a restart, or replicas starting together, change nothing;
 * an existing account keeps its password.
 */
@NotTenantScoped("creates the platform superuser and the demo clinic before any request")
@ApplicationScoped
public class StartupSeeds {

    private static final Logger LOG = Logger.getLogger(StartupSeeds.class);
    public static final String DEMO_SLUG = "demo";

    record Seed(String username, String role, String firstName, String lastName) {}

    static final List<Seed> DEMO_USERS = List.of(
            new Seed("demo-admin", Roles.ADMIN, "Asha", "Admin"),
            new Seed("demo-doctor", Roles.DOCTOR, "Devi", "Doctor"),
            new Seed("demo-reception", Roles.RECEPTIONIST, "Ravi", "Reception"));

    private final GatewayConfig config;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;

    public StartupSeeds(GatewayConfig config, PasswordPolicy policy, PasswordHasher hasher) {
        this.config = config;
        this.policy = policy;
        this.hasher = hasher;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        var superuser = config.superuser();
        if (superuser.username().isPresent() && superuser.password().isPresent()) {
            String username = superuser.username().get();
            List<String> problems = policy.problems(superuser.password().get(), username);
            if (!problems.isEmpty()) {
                throw new InvalidSetting(
                        "clinic.superuser.password",
                        "is refused by the password policy: " + String.join("; ", problems));
            }
            ensureUser(
                    new Seed(username, Roles.SUPERUSER, "Platform", "Operator"),
                    null,
                    superuser.password().get());
        }
        if (config.demo().seed()) {
            long clinicId = await(() -> Panache.withTransaction(this::ensureDemoClinic));
            for (Seed seed : DEMO_USERS) {
                ensureUser(seed, clinicId, config.demo().password());
            }
        }
    }

    /** Hashes (slowly, on this start-up thread) only when the account is missing. */
    private void ensureUser(Seed seed, Long clinicId, String password) throws Throwable {
        boolean exists = await(() -> Panache.withSession(() -> Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select count(*) from app_user where lower(username) = lower(:u)", Long.class)
                        .setParameter("u", seed.username())
                        .getSingleResult())
                .map(n -> n > 0)));
        if (exists) {
            return;
        }
        String hash = hasher.hashNow(password);
        int inserted =
                await(() -> Panache.withTransaction(() -> Panache.getSession().chain(s -> s.createNativeQuery(
                                "insert into app_user (clinic_id, username, first_name, last_name, role, password_hash) "
                                        + "values (:clinic, :u, :first, :last, :role, :hash) "
                                        + "on conflict ((lower(username))) do nothing")
                        .setParameter("clinic", clinicId)
                        .setParameter("u", seed.username())
                        .setParameter("first", seed.firstName())
                        .setParameter("last", seed.lastName())
                        .setParameter("role", seed.role())
                        .setParameter("hash", hash)
                        .executeUpdate())));
        if (inserted == 1) {
            LOG.infof("created the %s account %s", seed.role(), seed.username());
        }
    }

    private Uni<Long> ensureDemoClinic() {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "insert into clinic (name, slug, city, timezone) values ('Demo Clinic', :slug, 'Pune', "
                                + "'Asia/Kolkata') on conflict (slug) do nothing")
                .setParameter("slug", DEMO_SLUG)
                .executeUpdate()
                .chain(() -> s.createNativeQuery("select id from clinic where slug = :slug", Long.class)
                        .setParameter("slug", DEMO_SLUG)
                        .getSingleResult()));
    }

    private static <T> T await(java.util.function.Supplier<Uni<T>> work) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(work);
    }
}
