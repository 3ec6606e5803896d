package org.clinic.common.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.smallrye.config.ConfigValidationException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StartupFailureTest {

    private static Properties raw() {
        Properties raw = new Properties();
        raw.setProperty("clinic.rate-limit.user-per-hour", "${RATE_LIMIT_USER_PER_HOUR:1000}");
        raw.setProperty("clinic.clients.doctors-url", "${CLINIC_DOCTORS_URL:http://localhost:8082}");
        raw.setProperty("quarkus.rest-client.doctors.url", "${clinic.clients.doctors-url}");
        raw.setProperty("clinic.phi.key", "${CLINIC_PHI_KEY}");
        return raw;
    }

    @Test
    void namesTheVariableOurPropertiesRead() {
        assertEquals(
                "RATE_LIMIT_USER_PER_HOUR",
                StartupFailure.environmentVariable("clinic.rate-limit.user-per-hour", raw()));
        assertEquals(
                "CLINIC_DOCTORS_URL", StartupFailure.environmentVariable("quarkus.rest-client.doctors.url", raw()));
        assertEquals("CLINIC_JWT_ISSUER", StartupFailure.environmentVariable("clinic.jwt.issuer", raw()));
    }

    @Test
    void aValidationProblemOfAGroupMethodIsNamedAsItsProperty() {
        assertEquals(
                "configuration error: RATE_LIMIT_USER_PER_HOUR (clinic.rate-limit.user-per-hour):"
                        + " clinic.rate-limit.user-per-hour must be greater than 0",
                StartupFailure.line("clinic.rateLimit.user-per-hour must be greater than 0", raw()));
    }

    @Test
    void aConversionProblemSaysWhichValueCannotBeUsed() {
        assertEquals(
                "configuration error: RATE_LIMIT_USER_PER_HOUR (clinic.rate-limit.user-per-hour):"
                        + " clinic.rate-limit.user-per-hour cannot be \"lots\": Expected an integer value, got \"lots\"",
                StartupFailure.line(
                        "java.lang.IllegalArgumentException: SRCFG00039: The config property"
                                + " clinic.rate-limit.user-per-hour with the config value \"lots\" threw an Exception"
                                + " whilst being converted SRCFG00029: Expected an integer value, got \"lots\"",
                        raw()));
    }

    @Test
    void aSecretsValueIsNeverPrinted() {
        String line = StartupFailure.line(
                "SRCFG00039: The config property clinic.phi.key with the config value \"c2VjcmV0\" threw an Exception"
                        + " whilst being converted boom",
                raw());
        assertEquals(
                "configuration error: CLINIC_PHI_KEY (clinic.phi.key): clinic.phi.key cannot be \"(hidden)\": boom",
                line);
    }

    @Test
    void everyProblemOfAValidationIsALine() {
        ConfigValidationException failure = new ConfigValidationException(new ConfigValidationException.Problem[] {
            new ConfigValidationException.Problem("clinic.cors.allowedOrigins[0] must list exact origins"),
            new ConfigValidationException.Problem("clinic.routing.patientsUrl must be an absolute http:// URL")
        });
        assertEquals(
                "configuration error: CLINIC_CORS_ALLOWED_ORIGINS (clinic.cors.allowed-origins):"
                        + " clinic.cors.allowed-origins must list exact origins"
                        + System.lineSeparator()
                        + "configuration error: CLINIC_ROUTING_PATIENTS_URL (clinic.routing.patients-url):"
                        + " clinic.routing.patients-url must be an absolute http:// URL",
                StartupFailure.configurationProblems(new RuntimeException("Failed to start quarkus", failure)));
    }

    /** EVENT_LOOPS is read by our checked property and by Quarkus's: a bad value is one bad setting, one line. */
    @Test
    void aVariableReadByTwoPropertiesIsOneLine() {
        ConfigValidationException failure = new ConfigValidationException(new ConfigValidationException.Problem[] {
            new ConfigValidationException.Problem("SRCFG00039: The config property clinic.threads.event-loops with the"
                    + " config value \"two\" threw an Exception whilst being converted Expected an integer value"),
            new ConfigValidationException.Problem(
                    "SRCFG00039: The config property quarkus.vertx.event-loops-pool-size"
                            + " with the config value \"two\" threw an Exception whilst being converted Expected an integer value")
        });
        assertEquals(
                "configuration error: EVENT_LOOPS (clinic.threads.event-loops): clinic.threads.event-loops cannot be"
                        + " \"two\": Expected an integer value",
                StartupFailure.configurationProblems(new RuntimeException("Failed to start quarkus", failure)));
    }

    @Test
    void anythingElseIsNotAConfigurationProblem() {
        assertNull(StartupFailure.configurationProblems(
                new RuntimeException("Failed to start quarkus", new IllegalStateException("connection refused"))));
    }
}
