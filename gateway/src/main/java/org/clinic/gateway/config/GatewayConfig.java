package org.clinic.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
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
