package org.clinic.common.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TracingSwitchTest {

    private static SmallRyeConfig config(Map<String, String> environment) {
        return new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(environment, "environment", 300))
                .withSources(new TracingSwitch())
                .build();
    }

    @Test
    void tracingIsOffWithoutACollector() {
        assertEquals("true", config(Map.of()).getRawValue("quarkus.otel.sdk.disabled"));
        assertEquals(
                "true", config(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", " ")).getRawValue("quarkus.otel.sdk.disabled"));
    }

    @Test
    void aCollectorSwitchesTracingOn() {
        assertEquals(
                "false",
                config(Map.of("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4317"))
                        .getRawValue("quarkus.otel.sdk.disabled"));
    }

    @Test
    void theOperatorMayStillSwitchItOff() {
        assertEquals(
                "true",
                config(Map.of(
                                "OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4317",
                                "quarkus.otel.sdk.disabled", "true"))
                        .getRawValue("quarkus.otel.sdk.disabled"));
    }
}
