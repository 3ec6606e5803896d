package org.clinic.e2e;

import java.util.List;
import org.clinic.testing.GatewayProcess;
import org.clinic.testing.PgBouncer;
import org.clinic.testing.ServiceRunner;
import org.clinic.testing.TestRedis;

/**
 * The suite as it runs in production, each service its own process with its own database,
 * the gateway in front routing to them: started once for the test JVM, stopped when it exits.
 */
final class Suite {

    private static ServiceRunner gateway;
    private static ServiceRunner patients;
    private static ServiceRunner doctors;
    private static ServiceRunner consultations;
    /** Where BrowserTest serves its front-end page; http://localhost:<port> is the one allowed CORS origin. */
    private static int pagePort;
    /** Where every process exports its traces (TracingTest reads them). */
    private static OtlpReceiver traces;

    /**
     * Every process reaches its database through this PgBouncer in transaction mode (issue 29), with fewer server
     * connections per database than a process's pool may open: the suite's tests pass through a pooler as an install
     * with one runs. Migrations and doctors-service's LISTEN go to PostgreSQL itself.
     */
    private static PgBouncer pooler;

    static final int POOLER_SERVER_CONNECTIONS = 4;

    private Suite() {}

    static synchronized void start() {
        if (gateway != null) {
            return;
        }
        int gatewayPort = ServiceRunner.freePort();
        int patientsPort = ServiceRunner.freePort();
        int doctorsPort = ServiceRunner.freePort();
        int consultationsPort = ServiceRunner.freePort();
        pagePort = ServiceRunner.freePort();
        traces = new OtlpReceiver();
        pooler = PgBouncer.start(POOLER_SERVER_CONNECTIONS);
        gateway = ServiceRunner.gateway(gatewayPort)
                .through(pooler)
                .env("CORS_ALLOWED_ORIGINS", allowedOrigin())
                // rate limits in a real Redis, as in an install (TracingTest follows a request into it)
                .env("REDIS_URL", TestRedis.url())
                .env("CLINIC_RATE_LIMIT_KEY_PREFIX", "e2e-" + java.util.UUID.randomUUID())
                // a deactivated user's stream ends within these two (LiveUpdatesTest), not within a minute
                .env("CLINIC_ACCOUNT_STATUS_CACHE_TTL", "2s")
                .env("CLINIC_ROUTING_STREAM_ACCOUNT_CHECK", "1s")
                .env("CLINIC_PATIENTS_URL", "http://127.0.0.1:" + patientsPort)
                .env("CLINIC_DOCTORS_URL", "http://127.0.0.1:" + doctorsPort)
                .env("CLINIC_CONSULTATIONS_URL", "http://127.0.0.1:" + consultationsPort)
                .env("OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint())
                .env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .env("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms")
                .env("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true")
                .start();
        GatewayProcess.use(gateway.url());
        patients = new ServiceRunner("patients-service", patientsPort)
                .through(pooler)
                .env("CLINIC_DOCTORS_URL", "http://127.0.0.1:" + doctorsPort)
                .env("CLINIC_CONSULTATIONS_URL", "http://127.0.0.1:" + consultationsPort)
                .env("OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint())
                .env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .env("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms")
                .env("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true")
                .start();
        doctors = new ServiceRunner("doctors-service", doctorsPort)
                .through(pooler)
                .env("CLINIC_GATEWAY_URL", gateway.url())
                .env("CLINIC_PATIENTS_URL", patients.url())
                .env("OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint())
                .env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .env("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms")
                .env("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true")
                .start();
        consultations = new ServiceRunner("consultations-service", consultationsPort)
                .through(pooler)
                .env("CLINIC_PATIENTS_URL", patients.url())
                .env("CLINIC_DOCTORS_URL", doctors.url())
                .env("OTEL_EXPORTER_OTLP_ENDPOINT", traces.endpoint())
                .env("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf")
                .env("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms")
                .env("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true")
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(Suite::stop));
    }

    static OtlpReceiver traces() {
        return traces;
    }

    /** The only public entry: every test of the product goes through it. */
    static String gateway() {
        return gateway.url();
    }

    /** The front-end origin the gateway allows (API.md §7); http://127.0.0.1 on the same port is not allowed. */
    static String allowedOrigin() {
        return "http://localhost:" + pagePort;
    }

    static int pagePort() {
        return pagePort;
    }

    static ServiceRunner gatewayProcess() {
        return gateway;
    }

    static String patients() {
        return patients.url();
    }

    static String doctors() {
        return doctors.url();
    }

    static String consultations() {
        return consultations.url();
    }

    static PgBouncer pooler() {
        return pooler;
    }

    static List<ServiceRunner> processes() {
        return List.of(gateway, patients, doctors, consultations);
    }

    static ServiceRunner patientsProcess() {
        return patients;
    }

    static ServiceRunner consultationsProcess() {
        return consultations;
    }

    static ServiceRunner doctorsProcess() {
        return doctors;
    }

    private static void stop() {
        for (ServiceRunner runner : new ServiceRunner[] {consultations, doctors, patients, gateway}) {
            if (runner != null) {
                runner.stop();
            }
        }
        if (traces != null) {
            traces.close(); // after the processes: their last batches still land
        }
        if (pooler != null) {
            pooler.close();
        }
    }
}
