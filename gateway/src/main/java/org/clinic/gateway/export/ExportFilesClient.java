package org.clinic.gateway.export;

import io.quarkus.vertx.http.HttpServer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.clinic.common.client.Downstream;
import org.clinic.common.error.Forbidden;
import org.clinic.common.export.ExportFile;
import org.clinic.common.export.ExportFileResource;
import org.clinic.common.tenancy.OnBehalf;
import org.clinic.common.web.Envelope;
import org.clinic.gateway.auth.OnBehalfTokens;
import org.clinic.gateway.config.GatewayConfig;
import org.clinic.gateway.config.ServiceClients;
import org.clinic.gateway.export.ExportResources.Owner;

/**
 * Calls to the processes that own an export's resources, each with a token minted for it ({@code OnBehalf.EXPORT}).
 * Writing a file reads a whole resource of a clinic in one transaction, so it may take minutes (15 at most); a piece
 * is at most 1 MiB and answers within 30 s. The gateway's own files (users, its audit events) are called the same way,
 * over HTTP to this very process ({@code 127.0.0.1} and the port it listens on): the call then runs as a request of
 * the clinic like any other, under the same filters, row-level security and roles.
 */
@ApplicationScoped
public class ExportFilesClient {

    static final Duration PRODUCE_TIMEOUT = Duration.ofMinutes(15);
    static final Duration PIECE_TIMEOUT = Duration.ofSeconds(30);

    private record Clients(ExportFilesApi produce, ExportFilesApi pieces) {}

    private final GatewayConfig.Routing routing;
    private final Instance<HttpServer> server;
    private final OnBehalfTokens tokens;
    private final Map<Owner, Clients> owners = new EnumMap<>(Owner.class);

    public ExportFilesClient(GatewayConfig config, Instance<HttpServer> server, OnBehalfTokens tokens) {
        this.routing = config.routing();
        this.server = server;
        this.tokens = tokens;
        owners.put(Owner.PATIENTS, clients(routing.patientsUrl()));
        owners.put(Owner.DOCTORS, clients(routing.doctorsUrl()));
        owners.put(Owner.CONSULTATIONS, clients(routing.consultationsUrl()));
    }

    private Clients clients(URI url) {
        return new Clients(
                ServiceClients.build(ExportFilesApi.class, url, routing, PRODUCE_TIMEOUT),
                ServiceClients.build(ExportFilesApi.class, url, routing, PIECE_TIMEOUT));
    }

    /** The owner's clients; this gateway's are made at their first use, once it listens (its port may be chosen then). */
    private synchronized Clients of(Owner owner) {
        Clients known = owners.get(owner);
        if (known != null) {
            return known;
        }
        int port = server.get().getPort();
        if (port <= 0) {
            // not listening on plain HTTP (yet): fail this call, and make the client at a later one
            throw new IllegalStateException("the gateway listens on no plain HTTP port to call itself on");
        }
        Clients self = clients(URI.create("http://127.0.0.1:" + port));
        owners.put(owner, self);
        return self;
    }

    /** Has {@code owner}'s part of {@code resource} written (or finds it written); fails as the owner answered. */
    Uni<ExportFile> produce(
            Owner owner,
            long clinicId,
            long exportId,
            String resource,
            Instant since,
            Instant keepUntil,
            String token) {
        return of(owner)
                .produce()
                .produce(
                        clinicId,
                        exportId,
                        resource,
                        "Bearer " + token,
                        new ExportFileResource.Produce(since, keepUntil))
                .map(Envelope::data);
    }

    /**
     * The bytes of a file, read for {@code actorId} (the downloader, or the admin whose export it is) as they are
     * taken: its pieces one after another, or its parts merged by id. One piece (a part's) in memory at a time.
     */
    Multi<byte[]> file(long clinicId, long exportId, ExportFileEntry file, long actorId) {
        if (file.parts() == null) {
            Owner owner = ExportResources.OWNERS.get(file.resource()).get(0);
            return Multi.createFrom()
                    .range(0, file.chunks())
                    .onItem()
                    .transformToUniAndConcatenate(n -> piece(owner, clinicId, exportId, file.resource(), n, actorId));
        }
        return MergedParts.of(file.parts().stream()
                .map(part -> new MergedParts.Part(
                        part.chunks(), n -> piece(part.owner(), clinicId, exportId, file.resource(), n, actorId)))
                .toList());
    }

    /**
     * Piece {@code n} of {@code owner}'s part of a file, with a token of {@code actorId} minted for it: one who can no
     * longer act reads no further (403). A failure as this gateway's error, naming the owner only.
     */
    private Uni<byte[]> piece(Owner owner, long clinicId, long exportId, String resource, int n, long actorId) {
        return tokens.mint(actorId, clinicId, PIECE_TIMEOUT.plusMinutes(1), OnBehalf.EXPORT)
                .chain(token -> {
                    if (token == null) {
                        return Uni.createFrom().failure(new Forbidden("You can no longer read this clinic's exports."));
                    }
                    return of(owner)
                            .pieces()
                            .piece(clinicId, exportId, resource, n, "Bearer " + token)
                            .onFailure()
                            .transform(failure -> Downstream.translate(failure, owner.label));
                });
    }
}
