package org.clinic.gateway.auth;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Instant;
import java.util.List;
import org.clinic.common.persistence.NotTenantScoped;
import org.clinic.common.tenancy.Roles;
import org.clinic.gateway.clinic.Clinic;
import org.clinic.gateway.config.GatewayConfig;
import org.clinic.gateway.user.PasswordHasher;
import org.clinic.gateway.user.PasswordPolicy;
import org.clinic.gateway.user.User;
import org.jboss.logging.Logger;

/**
 * Accounts made on start, idempotently (a second start, or a second replica, changes nothing):
 * the platform superuser from CLINIC_SUPERUSER_USERNAME / CLINIC_SUPERUSER_PASSWORD, and, when
 * asked (clinic.demo.seed, the launcher's --demo), a demo clinic with an admin, a doctor and a
 * receptionist.
 */
@NotTenantScoped("creates the platform superuser and the demo clinic before any request")
@ApplicationScoped
public class StartupSeeds {

    private static final Logger LOG = Logger.getLogger(StartupSeeds.class);
    public static final String DEMO_SLUG = "demo";
    public static final List<String[]> DEMO_USERS = List.of(
            new String[] {"demo-admin", Roles.ADMIN, "Asha", "Admin"},
            new String[] {"demo-doctor", Roles.DOCTOR, "Devi", "Doctor"},
            new String[] {"demo-reception", Roles.RECEPTIONIST, "Ravi", "Reception"});

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
                throw new IllegalStateException(
                        "CLINIC_SUPERUSER_PASSWORD is refused by the password policy: " + problems);
            }
            String hash = hasher.hashNow(superuser.password().get());
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                    () -> ensureUser(username, Roles.SUPERUSER, null, "Platform", "Operator", hash)));
        }
        if (config.demo().seed()) {
            String hash = hasher.hashNow(config.demo().password());
            VertxContextSupport.subscribeAndAwait(
                    () -> Panache.withTransaction(() -> ensureDemoClinic().chain(clinic -> Uni.join()
                            .all(DEMO_USERS.stream()
                                    .map(u -> ensureUser(u[0], u[1], clinic.id, u[2], u[3], hash))
                                    .toList())
                            .usingConcurrencyOf(1)
                            .andFailFast())));
        }
    }

    private Uni<Clinic> ensureDemoClinic() {
        return Panache.getSession().chain(s -> s.createSelectionQuery("from Clinic where slug = :slug", Clinic.class)
                .setParameter("slug", DEMO_SLUG)
                .getResultList()
                .chain(found -> {
                    if (!found.isEmpty()) {
                        return Uni.createFrom().item(found.get(0));
                    }
                    Clinic clinic = new Clinic();
                    clinic.name = "Demo Clinic";
                    clinic.slug = DEMO_SLUG;
                    clinic.city = "Pune";
                    clinic.timezone = "Asia/Kolkata";
                    clinic.createdAt = Instant.now();
                    LOG.info("created the demo clinic");
                    return s.persist(clinic).replaceWith(clinic);
                }));
    }

    private Uni<User> ensureUser(String username, String role, Long clinicId, String first, String last, String hash) {
        return Panache.getSession()
                .chain(s -> s.createSelectionQuery("from User where lower(username) = lower(:u)", User.class)
                        .setParameter("u", username)
                        .getResultList()
                        .chain(found -> {
                            if (!found.isEmpty()) {
                                return Uni.createFrom().item(found.get(0));
                            }
                            User user = User.newAccount(username, role, clinicId, first, last, hash);
                            LOG.infof("created the %s account %s", role, username);
                            return s.persist(user).replaceWith(user);
                        }));
    }
}
