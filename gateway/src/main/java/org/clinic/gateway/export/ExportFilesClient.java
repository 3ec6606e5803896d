package org.clinic.gateway.export;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.clinic.common.client.Downstream;
import org.clinic.common.export.ExportFile;
import org.clinic.common.export.ExportFileResource;
import org.clinic.common.web.Envelope;
import org.clinic.gateway.config.GatewayConfig;
import org.clinic.gateway.config.ServiceClients;
import org.clinic.gateway.edge.Routes.Service;

/**
 * Calls to the processes that own an export's resources. Writing a file reads a whole resource of a clinic in one
 * transaction, so it may take minutes (15 at most); a piece is at most 1 MiB and answers within 30 s.
 */
@ApplicationScoped
public class ExportFilesClient {

    static final Duration PRODUCE_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration PIECE_TIMEOUT = Duration.ofSeconds(30);

    private record Clients(String name, ExportFilesApi produce, ExportFilesApi pieces) {}

    private final Map<Service, Clients> services = new EnumMap<>(Service.class);

    public ExportFilesClient(GatewayConfig config) {
        GatewayConfig.Routing routing = config.routing();
        services.put(Service.PATIENTS, clients("patients service", routing.patientsUrl(), routing));
        services.put(Service.DOCTORS, clients("doctors service", routing.doctorsUrl(), routing));
        services.put(Service.CONSULTATIONS, clients("consultations service", routing.consultationsUrl(), routing));
    }

    private static Clients clients(String name, java.net.URI url, GatewayConfig.Routing routing) {
        return new Clients(
                name,
                ServiceClients.build(ExportFilesApi.class, url, routing, PRODUCE_TIMEOUT),
                ServiceClients.build(ExportFilesApi.class, url, routing, PIECE_TIMEOUT));
    }

    /** Has {@code resource}'s file written (or finds it written); fails as the service answered (untranslated). */
    Uni<ExportFile> produce(
            long clinicId, long exportId, String resource, Instant since, Instant keepUntil, String token) {
        Clients owner = services.get(ExportResources.OWNERS.get(resource));
        return owner.produce()
                .produce(
                        clinicId,
                        exportId,
                        resource,
                        "Bearer " + token,
                        new ExportFileResource.Produce(since, keepUntil))
                .map(Envelope::data);
    }

    /** Piece {@code n} of a file, read with the caller's {@code authorization}; a failure as this gateway's error. */
    Uni<byte[]> piece(long clinicId, long exportId, String resource, int n, String authorization) {
        Clients owner = services.get(ExportResources.OWNERS.get(resource));
        return owner.pieces()
                .piece(clinicId, exportId, resource, n, authorization)
                .onFailure()
                .transform(failure -> Downstream.translate(failure, owner.name()));
    }
}
