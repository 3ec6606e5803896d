package org.clinic.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** The gateway's own settings ({@code clinic.*}); environment variables override, e.g. CLINIC_JWT_ISSUER. */
@ConfigMapping(prefix = "clinic")
public interface GatewayConfig {

    Jwt jwt();

    Superuser superuser();

    Demo demo();

    Passwords passwords();

    /** How long a user's and clinic's active status is trusted before it is read again (API.md §2: ≤ 60 s). */
    @WithDefault("30s")
    Duration accountStatusCacheTtl();

    Routing routing();

    RateLimit rateLimit();

    Cors cors();

    /** API.md §7: the browser origins of the front-end apps. */
    interface Cors {
        /** Exact origins ({@code https://desk.example-clinic.app}); none: no cross-origin access. */
        Optional<List<String>> allowedOrigins();
    }

    /** Where the gateway forwards each family of clinic routes (API.md §3), and how patiently. */
    interface Routing {
        URI patientsUrl();

        URI doctorsUrl();

        URI consultationsUrl();

        /** A service that accepts no connection within this is down: 503. */
        @WithDefault("1s")
        Duration connectTimeout();

        /** A service that sends nothing for this long is hung: 503 (an event stream heartbeats every 15 s). */
        @WithDefault("30s")
        Duration idleTimeout();

        /** Keep-alive connections kept open to each service by each gateway replica. */
        @WithDefault("64")
        int maxConnectionsPerService();

        /** Open event streams a user may hold on one gateway replica (API.md §7: 5; the 6th is a 429). */
        @WithDefault("5")
        int maxStreamsPerUser();

        /**
         * How often an open event stream's user and clinic are checked: a deactivated one's streams end within this
         * plus the account status cache's lifetime (API.md §7: 60 s).
         */
        @WithDefault("25s")
        Duration streamAccountCheck();
    }

    /** API.md §5. */
    interface RateLimit {
        @WithDefault("100")
        int anonymousPerHour();

        @WithDefault("1000")
        int userPerHour();

        @WithDefault("5000")
        int clinicPerHour();

        /** The shared store, e.g. {@code redis://redis:6379}; without it each replica counts on its own. */
        Optional<String> redisUrl();

        /** With Redis unreachable: {@code false} counts locally per replica, {@code true} refuses with 503. */
        @WithDefault("false")
        boolean failClosed();

        /** Prefix of every counter's key in Redis, so several installs (or test runs) can share one Redis. */
        @WithDefault("rl")
        String keyPrefix();

        /** How long a Redis round trip may take before the local store answers instead. */
        @WithDefault("250ms")
        Duration redisTimeout();
    }

    interface Jwt {
        @WithDefault("clinic-platform")
        String issuer();

        /** PEM (PKCS#8) private key inline, e.g. from a Kubernetes secret in an environment variable. */
        Optional<String> privateKey();

        /** Path (file or classpath) to the PEM private key, e.g. a mounted Kubernetes secret. */
        Optional<String> privateKeyLocation();

        /** Public keys (PEM paths) of retired signing keys, still published so their tokens verify during rotation. */
        Optional<List<String>> previousPublicKeyLocations();

        @WithDefault("1h")
        Duration accessTokenLifetime();

        @WithDefault("7d")
        Duration refreshTokenLifetime();
    }

    interface Superuser {
        Optional<String> username();

        Optional<String> password();
    }

    interface Demo {
        /** Seed a demo clinic with an admin, a doctor and a receptionist on start (the launcher turns it on). */
        @WithDefault("false")
        boolean seed();

        @WithDefault("demo-clinic-2026")
        String password();
    }

    interface Passwords {
        /** bcrypt work factor; lowered only in tests. */
        @WithDefault("12")
        int bcryptCost();
    }
}
