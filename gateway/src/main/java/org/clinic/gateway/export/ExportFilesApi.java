package org.clinic.gateway.export;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.clinic.common.export.ExportFile;
import org.clinic.common.export.ExportFileResource;
import org.clinic.common.web.Envelope;

/**
 * A process's files of an export (common's {@link ExportFileResource}): written at the job's request with a token of
 * the admin who asked for the export, read piece by piece with the downloader's own token.
 */
@Path("/api/v1/clinics/{clinic_id}/export-files/{export_id}/{resource}")
public interface ExportFilesApi {

    @POST
    @Path("/")
    Uni<Envelope<ExportFile>> produce(
            @PathParam("clinic_id") long clinicId,
            @PathParam("export_id") long exportId,
            @PathParam("resource") String resource,
            @HeaderParam("Authorization") String authorization,
            ExportFileResource.Produce request);

    @GET
    @Path("/{n}")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    Uni<byte[]> piece(
            @PathParam("clinic_id") long clinicId,
            @PathParam("export_id") long exportId,
            @PathParam("resource") String resource,
            @PathParam("n") int n,
            @HeaderParam("Authorization") String authorization);
}
