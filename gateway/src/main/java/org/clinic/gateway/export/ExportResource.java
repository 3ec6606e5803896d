package org.clinic.gateway.export;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import org.clinic.common.apidocs.ApiTags;
import org.clinic.common.idempotency.Idempotency;
import org.clinic.common.pagination.PageRequest;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.web.Envelope;
import org.clinic.common.web.PagedEnvelope;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestMulti;
import org.jboss.resteasy.reactive.server.Cancellable;

/** {@code /api/v1/clinics/{clinic_id}/exports/} (API.md §9): a clinic's data, taken out as a job. */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/exports")
@Tag(name = ApiTags.EXPORTS)
public class ExportResource {

    static final String NDJSON = "application/x-ndjson";

    private final ExportService exports;
    private final Idempotency idempotency;

    ExportResource(ExportService exports, Idempotency idempotency) {
        this.exports = exports;
        this.idempotency = idempotency;
    }

    @POST
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @APIResponse(
            responseCode = "202",
            description = "Queued: poll the export at its Location until it is completed or failed",
            headers =
                    @Header(name = "Location", description = "The export", schema = @Schema(type = SchemaType.STRING)),
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ExportResponse.class)))
    @Operation(summary = "Start an export of the clinic's data (202; 409 while one is queued or running)")
    public Uni<Response> createExport(
            @NotNull ExportRequest request, @HeaderParam(Idempotency.HEADER) String idempotencyKey) {
        return idempotency.run(idempotencyKey, "create-export", request, () -> exports.create(request));
    }

    @GET
    @Path("/")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Operation(summary = "List the clinic's exports, newest first")
    public Uni<PagedEnvelope<ExportResponse>> listExports(@Context UriInfo uri) {
        PageRequest page = PageRequest.from(uri);
        return exports.list(page).map(p -> p.envelope("Exports retrieved successfully", uri));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @Operation(summary = "Get an export: its status and its files as they complete")
    public Uni<Envelope<ExportResponse>> getExport(@PathParam("id") long id) {
        return exports.get(id).map(export -> Envelope.ok("Export retrieved successfully", export));
    }

    @GET
    @Path("/{id}/files/{resource}.ndjson")
    // the pieces are raw bytes: produced as such (as application/x-ndjson RESTEasy would write each as JSON), and
    // the answer's Content-Type is set to NDJSON below
    @Produces("application/octet-stream")
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN})
    @APIResponse(
            responseCode = "200",
            description = "One JSON object per line, each as the resource's single GET answers it, ordered by id",
            content = @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "410", description = "The export has expired and its files were deleted")
    @Operation(summary = "Download one file of an export, streamed (410 once expired)")
    public RestMulti<byte[]> downloadExportFile(@PathParam("id") long id, @PathParam("resource") String resource) {
        return RestMulti.fromUniResponse(
                exports.download(id, resource),
                exports::pieces,
                download -> Map.of(
                        HttpHeaders.CONTENT_TYPE,
                        List.of(NDJSON),
                        "Content-Disposition",
                        List.of("attachment; filename=\"" + download.slug() + "-export-" + download.exportId() + "-"
                                + download.file().resource() + ".ndjson\""),
                        HttpHeaders.ETAG,
                        List.of("\"" + download.file().sha256() + "\""),
                        "Cache-Control",
                        List.of("no-store")),
                download -> 200);
    }
}
