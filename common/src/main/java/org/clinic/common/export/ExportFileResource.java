package org.clinic.common.export;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import org.clinic.common.error.Forbidden;
import org.clinic.common.error.NotFound;
import org.clinic.common.tenancy.OnBehalf;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.web.Envelope;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * {@code export-files/{export}/{resource}}: this process's files of a clinic's export (API.md §9), for the gateway's
 * export job to have written and its downloads to read, piece by piece. Not a public route: the gateway does not
 * forward it. Every call carries a short token the gateway minted for it ({@link OnBehalf#EXPORT}): the job's
 * {@code POST} one of the admin who asked for the export, a download's piece one of the downloader.
 */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/export-files/{export_id}/{resource}")
public class ExportFileResource {

    /** What the job asks for: records changed at or after {@code since} (null: all), kept until {@code keepUntil}. */
    public record Produce(Instant since, @NotNull Instant keepUntil) {}

    private final List<ExportSource> sources;
    private final ExportFiles files;
    private final SecurityIdentity identity;

    public ExportFileResource(@Any Instance<ExportSource> sources, ExportFiles files, SecurityIdentity identity) {
        this.sources = sources.stream().toList();
        this.files = files;
        this.identity = identity;
    }

    /**
     * Only an export's own token may write or read these files: a user's token may not (a file written outside the
     * job could stand in for the job's, kept as long as its caller liked; a piece read outside a download would leave
     * no {@code download} event), nor may another purpose's.
     */
    private void requireExportToken() {
        JsonWebToken token = identity.getPrincipal() instanceof JsonWebToken verified ? verified : null;
        if (!OnBehalf.isFor(token, OnBehalf.EXPORT)) {
            throw new Forbidden("Export files are read and written only by the clinic's export job.");
        }
    }

    @POST
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Operation(hidden = true, summary = "Write this service's file of an export (internal)")
    public Uni<Envelope<ExportFile>> produceExportFile(
            @PathParam("export_id") long exportId,
            @PathParam("resource") String resource,
            @NotNull @Valid Produce request) {
        requireExportToken();
        ExportSource source = sources.stream()
                .filter(s -> s.resource().equals(resource))
                .findFirst()
                .orElseThrow(() -> new NotFound("This service keeps no such resource."));
        return files.produce(exportId, source, request.since(), request.keepUntil())
                .map(file -> Envelope.ok("Export file written", file));
    }

    @GET
    @Path("/{n}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Operation(hidden = true, summary = "A piece of this service's file of an export (internal)")
    public Uni<byte[]> readExportFilePiece(
            @PathParam("export_id") long exportId, @PathParam("resource") String resource, @PathParam("n") int n) {
        requireExportToken();
        return files.chunk(exportId, resource, n)
                .onItem()
                .ifNull()
                .failWith(() -> new NotFound("No such export file piece."));
    }
}
