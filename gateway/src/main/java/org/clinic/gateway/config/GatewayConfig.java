package org.clinic.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.clinic.common.config.HttpUrl;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

/** The gateway's own settings ({@code clinic.*}); environment variables override, e.g. CLINIC_JWT_ISSUER. */
@ConfigMapping(prefix = "clinic")
public interface GatewayConfig {

    Jwt jwt();

    Superuser superuser();

    Demo demo();

    Passwords passwords();

    /** How long a user's and clinic's active status is trusted before it is read again (API.md §2: ≤ 60 s). */
    @WithDefault("30s")
    @DurationMin(seconds = 1)
    @DurationMax(seconds = 60)
    Duration accountStatusCacheTtl();

    Routing routing();

    RateLimit rateLimit();

    Cors cors();

    Edge edge();

    Outbox outbox();

    Export export();

    /** Clinics' data exports (export/ExportWorker, API.md §9). */
    interface Export {
        /** How often each replica looks for an export to work on, when it is not working on one. */
        @WithDefault("2s")
        @DurationMin(millis = 100)
        @DurationMax(minutes = 1)
        Duration pollInterval();
    }

    /** What the gateway must tell other services after its own commits (user/DoctorNameRelay). */
    interface Outbox {
        /** How often each replica looks for changes not yet delivered (a failed delivery backs off on its own). */
        @WithDefault("5s")
        @DurationMin(millis = 100)
        @DurationMax(minutes = 5)
        Duration relayInterval();
    }

    /** Who the client is behind the operator's load balancer (edge/ClientAddresses). */
    interface Edge {
        /**
         * Addresses or CIDRs of the proxies (ingress controller, load balancer) whose {@code X-Forwarded-For} is
         * believed; none: the header is ignored and the client is the connection's peer.
         */
        Optional<
                        List<
                                @Pattern(
                                        regexp = "\\s*([0-9a-fA-F:.]+(/[0-9]{1,3})?)?\\s*",
                                        message = "must list IP addresses or CIDRs")
                                String>>
                trustedProxies();
    }

    /** API.md §7: the browser origins of the front-end apps. */
    interface Cors {
        /** Exact origins ({@code https://desk.example-clinic.app}); none: no cross-origin access. */
        Optional<
                        List<
                                @Pattern(
                                        regexp = "\\s*(https?://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?)?\\s*",
                                        message = "must list exact origins such as https://desk.example-clinic.app"
                                                + " (lower case, no path, no *, no null)")
                                String>>
                allowedOrigins();
    }

    /** Where the gateway forwards each family of clinic routes (API.md §3), and how patiently. */
    interface Routing {
        @HttpUrl
        URI patientsUrl();

        @HttpUrl
        URI doctorsUrl();

        @HttpUrl
        URI consultationsUrl();

        /** A service that accepts no connection within this is down: 503. */
        @WithDefault("1s")
        @DurationMin(millis = 1)
        Duration connectTimeout();

        /** A service that sends nothing for this long is hung: 503 (an event stream heartbeats every 15 s). */
        @WithDefault("30s")
        @DurationMin(millis = 1)
        Duration idleTimeout();

        /** Keep-alive connections kept open to each service by each gateway replica, for requests (never streams). */
        @WithDefault("64")
        @Positive
        int maxConnectionsPerService();

        /**
         * Connections each gateway replica may hold to each service for event streams (API.md §7), a budget of their
         * own: a request never waits behind streams (issue 26). Each open stream holds one.
         */
        @WithDefault("512")
        @Positive
        int maxStreamConnectionsPerService();

        /**
         * How long a request or stream waits for a connection of its pool to a service before it is answered 503
         * (with {@code Retry-After}): never a hang.
         */
        @WithDefault("2s")
        @DurationMin(millis = 1)
        Duration poolWait();

        /**
         * Requests of one clinic each gateway replica has in progress at once, over all forwarded routes and the
         * gateway's own reports, audit list and exports (streams aside): the next is a 429 with {@code Retry-After: 1}, so one clinic's parallel or slow requests cannot hold
         * the connections every clinic's requests need (issue 26). A superuser's are not counted.
         */
        @WithDefault("32")
        @Positive
        int maxInFlightPerClinic();

        /** Open event streams a user may hold (API.md §7: 5; the 6th is a 429): across replicas with Redis, else per replica. */
        @WithDefault("5")
        @Positive
        int maxStreamsPerUser();

        /**
         * Open event streams a clinic may hold (its users' and a superuser's in it together), across replicas with
         * Redis, else per replica; the next is a 429, so one clinic cannot take the stream budget of the others.
         */
        @WithDefault("30")
        @Positive
        int maxStreamsPerClinic();

        /**
         * How often an open event stream's user and clinic are checked: a deactivated one's streams end within this
         * plus the account status cache's lifetime (API.md §7: 60 s).
         */
        @WithDefault("25s")
        @DurationMin(millis = 100)
        Duration streamAccountCheck();
    }

    /** API.md §5. */
    interface RateLimit {
        @WithDefault("100")
        @Positive
        int anonymousPerHour();

        @WithDefault("1000")
        @Positive
        int userPerHour();

        @WithDefault("5000")
        @Positive
        int clinicPerHour();

        /** The shared store, e.g. {@code redis://redis:6379}; without it each replica counts on its own. */
        Optional<
                        @Pattern(
                                regexp = "rediss?://\\S+",
                                message = "must be redis://[USER:PASSWORD@]HOST[:PORT] (or rediss://)")
                        String>
                redisUrl();

        /** With Redis unreachable: {@code false} counts locally per replica, {@code true} refuses with 503. */
        @WithDefault("false")
        boolean failClosed();

        /** Prefix of every counter's key in Redis, so several installs (or test runs) can share one Redis. */
        @WithDefault("rl")
        @NotBlank
        String keyPrefix();

        /** How long a Redis round trip may take before the local store answers instead. */
        @WithDefault("250ms")
        @DurationMin(millis = 1)
        Duration redisTimeout();
    }

    interface Jwt {
        @WithDefault("clinic-platform")
        @NotBlank
        String issuer();

        /** PEM (PKCS#8) private key inline, e.g. from a Kubernetes secret in an environment variable. */
        Optional<String> privateKey();

        /** Path (file or classpath) to the PEM private key, e.g. a mounted Kubernetes secret. */
        Optional<String> privateKeyLocation();

        /** Public keys (PEM paths) of retired signing keys, still published so their tokens verify during rotation. */
        Optional<List<String>> previousPublicKeyLocations();

        @WithDefault("1h")
        @DurationMin(minutes = 1)
        @DurationMax(hours = 24)
        Duration accessTokenLifetime();

        @WithDefault("7d")
        @DurationMin(minutes = 5)
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
        @Min(4)
        @Max(31)
        int bcryptCost();
    }
}
