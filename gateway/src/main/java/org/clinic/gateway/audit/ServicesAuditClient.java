package org.clinic.gateway.audit;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import org.clinic.common.audit.AuditQuery;
import org.clinic.common.audit.LocalAuditPage;
import org.clinic.common.client.Downstream;
import org.clinic.common.web.Envelope;
import org.clinic.gateway.config.GatewayConfig;
import org.clinic.gateway.config.ServiceClients;

/**
 * The three services' own audit events, asked with the caller's token ({@link LocalAuditApi}, one client per
 * service at the gateway's routing URLs, 5 s to answer). A service that cannot answer is a 503 naming it and no host:
 * an audit trail with silent holes would mislead.
 */
@ApplicationScoped
public class ServicesAuditClient {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

    private record Part(String name, LocalAuditApi api) {}

    private final List<Part> services;

    public ServicesAuditClient(GatewayConfig config) {
        GatewayConfig.Routing routing = config.routing();
        this.services = List.of(
                new Part(
                        "patients service",
                        ServiceClients.build(LocalAuditApi.class, routing.patientsUrl(), routing, READ_TIMEOUT)),
                new Part(
                        "doctors service",
                        ServiceClients.build(LocalAuditApi.class, routing.doctorsUrl(), routing, READ_TIMEOUT)),
                new Part(
                        "consultations service",
                        ServiceClients.build(LocalAuditApi.class, routing.consultationsUrl(), routing, READ_TIMEOUT)));
    }

    /** Each service's newest {@code query.limit()} matching events and its count, in the services' order. */
    public List<Uni<LocalAuditPage>> pages(long clinicId, AuditQuery query) {
        return services.stream()
                .map(service -> service.api()
                        .list(
                                clinicId,
                                query.actor(),
                                query.resourceType(),
                                query.resourceId(),
                                query.action(),
                                query.from() == null ? null : query.from().toString(),
                                query.to() == null ? null : query.to().toString(),
                                query.limit())
                        .map(Envelope::data)
                        .onFailure()
                        .transform(failure -> Downstream.translate(failure, service.name())))
                .toList();
    }
}
