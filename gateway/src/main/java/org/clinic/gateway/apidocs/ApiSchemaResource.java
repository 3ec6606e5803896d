package org.clinic.gateway.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import org.clinic.common.apidocs.ApiTags;
import org.clinic.common.error.ServiceUnavailable;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.Cancellable;

/** {@code /api/schema/}: the whole API in one OpenAPI document (API.md §6); Swagger UI reads it at {@code /api/docs/}. */
@Cancellable(false)
@Path("/api/schema")
@Tag(name = ApiTags.API_DESCRIPTION)
public class ApiSchemaResource {

    private final ApiSchema schema;

    public ApiSchemaResource(ApiSchema schema) {
        this.schema = schema;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "getApiSchema", summary = "The merged OpenAPI document of the whole platform")
    @APIResponse(
            responseCode = "200",
            description = "This OpenAPI 3.1 document",
            content = @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT)))
    public Uni<JsonNode> getApiSchema(@Context HttpServerRequest request) {
        return schema.document(request.localAddress().port())
                .onFailure(ApiSchema.Incomplete.class)
                .transform(failure ->
                        new ServiceUnavailable("The API description is temporarily incomplete. Please retry shortly."));
    }
}
