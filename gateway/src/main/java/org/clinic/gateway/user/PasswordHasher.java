package org.clinic.gateway.user;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import org.clinic.gateway.config.GatewayConfig;

/**
 * bcrypt through Quarkus's Elytron helper, run on a worker thread (it is slow on purpose)
 * and completed back on the caller's Vert.x context, where the reactive session lives.
 */
@ApplicationScoped
@Startup
public class PasswordHasher {

    private final Vertx vertx;
    private final int cost;
    /** Checked against when the username is unknown, so both cases take the same time. */
    private final String decoy;

    public PasswordHasher(Vertx vertx, GatewayConfig config) {
        this.vertx = vertx;
        this.cost = config.passwords().bcryptCost();
        this.decoy = BcryptUtil.bcryptHash("decoy-password-never-matches", cost);
    }

    public Uni<String> hash(String password) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> BcryptUtil.bcryptHash(password, cost)));
    }

    /** Blocking: only for start-up seeding, off the event loop. */
    public String hashNow(String password) {
        return BcryptUtil.bcryptHash(password, cost);
    }

    /** Compares against {@code hash}, or against a decoy when there is no account. */
    public Uni<Boolean> matches(String password, String hash) {
        String against = hash == null ? decoy : hash;
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
            boolean ok = password != null && BcryptUtil.matches(password, against);
            return ok && hash != null;
        }));
    }
}
