package org.clinic.common.ops;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Traces are exported only where the operator names a collector: {@code OTEL_EXPORTER_OTLP_ENDPOINT} (the standard
 * OpenTelemetry variable, e.g. {@code http://otel-collector.observability:4318}) switches the OpenTelemetry SDK on;
 * unset, it is off (no spans, no export attempts). {@code QUARKUS_OTEL_SDK_DISABLED} still overrides either way.
 */
public class TracingSwitch implements ConfigSourceFactory {

    static final String ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue endpoint = context.getValue(ENDPOINT);
        boolean set = endpoint != null
                && endpoint.getValue() != null
                && !endpoint.getValue().isBlank();
        // below application.properties (250) and the environment (300): they may still say otherwise
        return List.of(new PropertiesConfigSource(
                Map.of("quarkus.otel.sdk.disabled", String.valueOf(!set)), "clinic-tracing-switch", 150));
    }
}
