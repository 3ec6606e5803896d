package org.clinic.common.export;

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
import org.clinic.common.error.NotFound;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.web.Envelope;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * {@code export-files/{export}/{resource}}: this process's files of a clinic's export (API.md §9), for the gateway's
 * export job to have written and its downloads to read, piece by piece. Not a public route: the gateway does not
 * forward it. The job calls {@code POST} with a short token of the admin who asked for the export, minted for the
 * call ({@link org.clinic.common.tenancy.OnBehalf}); a download reads pieces with the downloader's own token.
 */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/export-files/{export_id}/{resource}")
public class ExportFileResource {

    /** What the job asks for: records changed at or after {@code since} (null: all), kept until {@code keepUntil}. */
    public record Produce(Instant since, @NotNull Instant keepUntil) {}

    private final List<ExportSource> sources;
    private final ExportFiles files;

    public ExportFileResource(@Any Instance<ExportSource> sources, ExportFiles files) {
        this.sources = sources.stream().toList();
        this.files = files;
    }

    @POST
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Operation(hidden = true, summary = "Write this service's file of an export (internal)")
    public Uni<Envelope<ExportFile>> produceExportFile(
            @PathParam("export_id") long exportId,
            @PathParam("resource") String resource,
            @NotNull @Valid Produce request) {
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
        return files.chunk(exportId, resource, n)
                .onItem()
                .ifNull()
                .failWith(() -> new NotFound("No such export file piece."));
    }
}
