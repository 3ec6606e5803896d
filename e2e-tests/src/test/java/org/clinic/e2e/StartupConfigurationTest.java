package org.clinic.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.clinic.testing.ServiceRunner;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A malformed setting, or a missing one without a default, stops the process at start with one line naming the
 * environment variable: no stack trace, no late 500. Each case is a real process of the built service.
 */
class StartupConfigurationTest {

    static Stream<Arguments> badSettings() {
        return Stream.of(
                Arguments.of("gateway", "RATE_LIMIT_USER_PER_HOUR", "lots", "clinic.rate-limit.user-per-hour"),
                Arguments.of("gateway", "RATE_LIMIT_CLINIC_PER_HOUR", "0", "must be greater than 0"),
                Arguments.of("gateway", "CLINIC_PATIENTS_URL", "patients:8080", "http:// or https://"),
                Arguments.of("gateway", "CORS_ALLOWED_ORIGINS", "*", "exact origins"),
                Arguments.of("gateway", "REDIS_URL", "redis-host:6379", "redis://"),
                Arguments.of(
                        "gateway", "CLINIC_JWT_ACCESS_TOKEN_LIFETIME", "forever", "clinic.jwt.access-token-lifetime"),
                Arguments.of("gateway", "DB_JDBC_URL", "postgresql://db/clinic_gateway", "jdbc:postgresql://"),
                Arguments.of("patients-service", "CLINIC_PHI_KEY", "c2hvcnQta2V5", "32 random bytes"),
                Arguments.of("patients-service", "CLINIC_PHI_KEY", "", "clinic.phi.key"),
                Arguments.of("patients-service", "CLINIC_DOCTORS_URL", "doctors", "http:// or https://"),
                Arguments.of("patients-service", "CLINIC_JWT_PUBLIC_KEYS", "the gateway", "JWKS URL"),
                Arguments.of("doctors-service", "CLINIC_GATEWAY_URL", "ftp://gateway:8080", "http:// or https://"),
                Arguments.of("doctors-service", "DB_REACTIVE_URL", "mysql://db:3306/clinic", "postgresql://"),
                Arguments.of("doctors-service", "DB_LISTEN_URL", "db:5432/clinic_doctors", "postgresql://"),
                Arguments.of("patients-service", "DB_TRANSACTION_POOLER", "yes", "true or false"),
                Arguments.of("consultations-service", "CLINIC_PATIENTS_URL", "http://", "clinic.clients.patients-url"),
                Arguments.of("consultations-service", "CLINIC_DOCTORS_URL", "mailto:desk@example.org", "http://"),
                Arguments.of("consultations-service", "EVENT_LOOPS", "0", "greater than or equal to 1"),
                Arguments.of("gateway", "EVENT_LOOPS", "two", "cannot be \"two\""));
    }

    @ParameterizedTest(name = "{0}: {1}=''{2}''")
    @MethodSource("badSettings")
    void aBadSettingStopsTheStartWithOneLineNamingIt(String module, String variable, String value, String reason) {
        ServiceRunner runner = new ServiceRunner(module).env(variable, value);
        if (module.equals("gateway")) {
            runner.env(
                    "CLINIC_JWT_PRIVATE_KEY_LOCATION",
                    ServiceRunner.keyFile("testing/test-private.pem").toString());
        }

        ServiceRunner.Refusal refusal = runner.startExpectingRefusal();

        assertNotEquals(0, refusal.exitCode(), refusal.output());
        List<String> errors = refusal.output()
                .lines()
                .filter(line -> line.startsWith("configuration error: "))
                .toList();
        assertEquals(1, errors.size(), "one line for one bad setting:\n" + refusal.output());
        String line = errors.get(0);
        assertTrue(line.startsWith("configuration error: " + variable + " ("), line);
        assertTrue(line.contains(reason), line);
        assertFalse(refusal.output().contains("\tat "), "no stack trace:\n" + refusal.output());
        assertFalse(refusal.output().contains("\"frames\""), "no stack trace:\n" + refusal.output());
        if (variable.equals("CLINIC_PHI_KEY") && !value.isEmpty()) {
            assertFalse(refusal.output().contains(value), "a secret is never printed:\n" + refusal.output());
        }
    }
}
