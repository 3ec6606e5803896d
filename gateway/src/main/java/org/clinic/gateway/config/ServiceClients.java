package org.clinic.gateway.config;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** REST clients to the services the gateway reads from itself (audit, reports), bounded by timeouts. */
public final class ServiceClients {

    private ServiceClients() {}

    public static <T> T build(Class<T> api, URI url, GatewayConfig.Routing routing, Duration readTimeout) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(url)
                .connectTimeout(routing.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .build(api);
    }
}
