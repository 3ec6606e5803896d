package org.clinic.common.apidocs;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Describes the errors every operation can answer (API.md §1), in every service's OpenAPI and so
 * in the merged {@code /api/schema/}: the error envelope as a schema, and per operation the
 * statuses that apply to it (401 and 429 everywhere, 403/404 under a clinic, 400/409/413/415 where
 * a body is sent, 412 on PUT/PATCH, 503 where another service is involved). Runs at build time.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ErrorResponses implements OASFilter {

    static final String ENVELOPE = "ErrorEnvelope";
    private static final String REF = "#/components/schemas/" + ENVELOPE;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents();
        if (components == null) {
            components = OASFactory.createComponents();
            openAPI.setComponents(components);
        }
        components.addSchema(ENVELOPE, envelope());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (path.startsWith("/q/")) {
                return;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> entry :
                    item.getOperations().entrySet()) {
                describe(path, entry.getKey(), entry.getValue());
            }
        });
    }

    private static void describe(String path, PathItem.HttpMethod method, Operation operation) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        boolean clinicPath = path.startsWith("/api/v1/clinics/{");
        boolean withBody = method == PathItem.HttpMethod.POST
                || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.PATCH;
        add(responses, "400", "Validation error: a field or query parameter is invalid (see errors)");
        if (!path.startsWith("/.well-known/") && !path.startsWith("/api/schema")) {
            add(responses, "401", "Missing, invalid or expired token; or a deactivated user or clinic");
        }
        if (clinicPath) {
            add(responses, "403", "Not allowed: another clinic, or a role that may not do this");
            add(responses, "404", "Not found, including a record of another clinic");
        }
        if (withBody || method == PathItem.HttpMethod.DELETE) {
            add(
                    responses,
                    "409",
                    "Conflict: a duplicate, a state that does not allow it, or a repeated Idempotency-Key");
        }
        if (method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH) {
            add(responses, "412", "If-Match does not match the current version");
        }
        if (withBody) {
            add(responses, "413", "Request body over 1 MiB");
            add(responses, "415", "Body is not JSON");
        }
        add(responses, "429", "Rate limited (see Retry-After and RateLimit-* headers)");
        add(responses, "503", "A service behind this one is unavailable");
    }

    private static void add(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        responses.addAPIResponse(
                status,
                OASFactory.createAPIResponse()
                        .description(description)
                        .content(OASFactory.createContent()
                                .addMediaType(
                                        "application/json",
                                        OASFactory.createMediaType()
                                                .schema(OASFactory.createSchema()
                                                        .ref(REF)))));
    }

    private static Schema envelope() {
        Schema messages = OASFactory.createSchema()
                .addType(SchemaType.ARRAY)
                .items(OASFactory.createSchema().addType(SchemaType.STRING));
        return OASFactory.createSchema()
                .addType(SchemaType.OBJECT)
                .description("Every error answer (API.md §1): success false, data null, a message, and for"
                        + " validation errors the offending fields (nested as medicines[0].quantity)")
                .required(List.of("success", "message", "data", "errors"))
                .addProperty(
                        "success",
                        OASFactory.createSchema().addType(SchemaType.BOOLEAN).constValue(false))
                .addProperty("message", OASFactory.createSchema().addType(SchemaType.STRING))
                .addProperty("data", OASFactory.createSchema().addType(SchemaType.NULL))
                .addProperty(
                        "errors",
                        OASFactory.createSchema()
                                .type(List.of(SchemaType.OBJECT, SchemaType.NULL))
                                .additionalPropertiesSchema(messages));
    }
}
