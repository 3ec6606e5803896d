package org.clinic.common.apidocs;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Makes every service's OpenAPI (and so the merged {@code /api/schema/}) a contract a client generator can use.
 * Runs at build time.
 * <ul>
 * <li>Errors (API.md §1): the error envelope as a schema, and per operation the statuses that apply to it (401 and
 * 429 everywhere, 403/404 under a clinic, 400/409/413/415 where a body is sent, 412 on PUT/PATCH, 503 where another
 * service is involved), each with the envelope as its body, including the ones SmallRye adds without a body.</li>
 * <li>Path parameters: every {@code {name}} of a path is declared on each of its operations (the clinic id is
 * read by the tenant filter, not by the resource methods, so SmallRye leaves it out).</li>
 * <li>Security: an operation without a security requirement is an open one ({@code @PermitAll}: login, refresh,
 * JWKS, the schema) and says so with an empty list; every other endpoint names its roles.</li>
 * <li>Creation: a POST answered by a {@code Response} (created through {@code Responses.created} or replayed by
 * the idempotency store) is documented as {@code 201} with a {@code Location} and the envelope of the resource,
 * taken from the GET of the created resource ({@code <path>/{id}}).</li>
 * <li>Answers: every property of a schema a client receives is required (always present), and nullable unless
 * it is never null ({@link #describeAnswers}).</li>
 * <li>Lists: {@code page} and {@code page_size} on every GET answered by a paged envelope; a list's own filters
 * are declared on its method.</li>
 * <li>Envelopes: a 2xx JSON answer under {@code /api/v1/} documented with its data's type (an
 * {@code @APIResponse} naming a record) is wrapped in the success envelope.</li>
 * </ul>
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ApiContract implements OASFilter {

    static final String ENVELOPE = "ErrorEnvelope";
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");
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
        Map<String, PathItem> items = openAPI.getPaths().getPathItems();
        describeAnswers(components, items);
        items.forEach((path, item) -> {
            if (path.startsWith("/q/")) {
                return;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> entry :
                    item.getOperations().entrySet()) {
                Operation operation = entry.getValue();
                declarePathParameters(path, operation);
                if (operation.getSecurity() == null) {
                    operation.setSecurity(new ArrayList<>());
                }
                if (entry.getKey() == PathItem.HttpMethod.POST) {
                    documentCreation(path, operation, items);
                }
                wrapInEnvelope(path, operation);
                if (entry.getKey() == PathItem.HttpMethod.GET) {
                    declarePagination(operation);
                }
                describe(path, entry.getKey(), operation);
            }
        });
    }

    private static void declarePathParameters(String path, Operation operation) {
        Matcher names = PATH_PARAMETER.matcher(path);
        while (names.find()) {
            String name = names.group(1);
            List<Parameter> declared = operation.getParameters() == null ? List.of() : operation.getParameters();
            boolean present =
                    declared.stream().anyMatch(p -> name.equals(p.getName()) && p.getIn() == Parameter.In.PATH);
            if (!present) {
                operation.addParameter(OASFactory.createParameter()
                        .name(name)
                        .in(Parameter.In.PATH)
                        .required(true)
                        .description(
                                name.equals("clinic_id")
                                        ? "The clinic (must be the token's, unless a superuser)"
                                        : null)
                        .schema(OASFactory.createSchema()
                                .addType(SchemaType.INTEGER)
                                .format("int64")));
            }
        }
    }

    /**
     * What a client receives always has every property (Jackson writes nulls), so every property of an answer's
     * schema is required, and nullable unless it is never null: {@code id}, arrays, and the envelope's own fields
     * ({@code errors} aside) and page counts. A schema that is also sent in a request body (vitals, say) is left as
     * it is, since there its properties are optional.
     */
    private static void describeAnswers(Components components, Map<String, PathItem> items) {
        Map<String, Schema> schemas = components.getSchemas();
        if (schemas == null) {
            return;
        }
        Set<String> inputs = new HashSet<>();
        items.values().forEach(item -> item.getOperations().values().forEach(operation -> {
            if (operation.getRequestBody() != null && operation.getRequestBody().getContent() != null) {
                operation
                        .getRequestBody()
                        .getContent()
                        .getMediaTypes()
                        .values()
                        .forEach(media -> collectRefs(media.getSchema(), schemas, inputs));
            }
        }));
        schemas.forEach((name, schema) -> {
            if (inputs.contains(name) || name.equals(ENVELOPE) || schema.getProperties() == null) {
                return;
            }
            boolean envelope = name.startsWith("Envelope") || name.startsWith("PagedEnvelope");
            schema.setRequired(new ArrayList<>(schema.getProperties().keySet()));
            Map<String, Schema> properties = new java.util.LinkedHashMap<>(schema.getProperties());
            properties.forEach((property, definition) -> {
                boolean neverNull = envelope
                        ? !property.equals("errors")
                        : property.equals("id")
                                || isArray(definition)
                                || name.equals("Pagination") && PAGE_COUNTS.contains(property);
                if (envelope && property.equals("errors")) {
                    schema.addProperty(property, OASFactory.createSchema().addType(SchemaType.NULL));
                } else if (!neverNull) {
                    schema.addProperty(property, nullable(definition));
                }
            });
        });
    }

    private static final Set<String> PAGE_COUNTS = Set.of("count", "page", "page_size", "total_pages");

    private static boolean isArray(Schema schema) {
        return schema.getType() != null && schema.getType().contains(SchemaType.ARRAY);
    }

    private static Schema nullable(Schema schema) {
        if (schema.getRef() != null) {
            return OASFactory.createSchema()
                    .anyOf(List.of(
                            OASFactory.createSchema().ref(schema.getRef()),
                            OASFactory.createSchema().addType(SchemaType.NULL)));
        }
        if (schema.getType() != null && !schema.getType().contains(SchemaType.NULL)) {
            schema.addType(SchemaType.NULL);
        }
        if (schema.getEnumeration() != null && !schema.getEnumeration().contains(null)) {
            schema.addEnumeration(null);
        }
        return schema;
    }

    /** The component schemas a schema uses, directly or through others. */
    private static void collectRefs(Schema schema, Map<String, Schema> schemas, Set<String> into) {
        if (schema == null) {
            return;
        }
        if (schema.getRef() != null) {
            String name = schema.getRef().substring(schema.getRef().lastIndexOf('/') + 1);
            if (into.add(name)) {
                collectRefs(schemas.get(name), schemas, into);
            }
        }
        if (schema.getProperties() != null) {
            schema.getProperties().values().forEach(p -> collectRefs(p, schemas, into));
        }
        collectRefs(schema.getItems(), schemas, into);
        if (schema.getAllOf() != null) {
            schema.getAllOf().forEach(p -> collectRefs(p, schemas, into));
        }
        if (schema.getAnyOf() != null) {
            schema.getAnyOf().forEach(p -> collectRefs(p, schemas, into));
        }
        if (schema.getOneOf() != null) {
            schema.getOneOf().forEach(p -> collectRefs(p, schemas, into));
        }
    }

    /** A list (its answer is a paged envelope) takes {@code page} and {@code page_size} (API.md §1). */
    private static void declarePagination(Operation operation) {
        APIResponse ok = operation.getResponses() == null
                ? null
                : operation.getResponses().getAPIResponse("200");
        Schema answer = ok == null ? null : schemaOf(ok);
        if (answer == null || answer.getRef() == null || !answer.getRef().contains("/PagedEnvelope")) {
            return;
        }
        addQuery(
                operation,
                "page",
                "Page number, from 1",
                OASFactory.createSchema()
                        .addType(SchemaType.INTEGER)
                        .minimum(java.math.BigDecimal.ONE)
                        .defaultValue(1));
        addQuery(
                operation,
                "page_size",
                "Items per page, at most 200",
                OASFactory.createSchema()
                        .addType(SchemaType.INTEGER)
                        .minimum(java.math.BigDecimal.ONE)
                        .maximum(java.math.BigDecimal.valueOf(200))
                        .defaultValue(50));
    }

    private static void addQuery(Operation operation, String name, String description, Schema schema) {
        List<Parameter> declared = operation.getParameters() == null ? List.of() : operation.getParameters();
        if (declared.stream().noneMatch(p -> name.equals(p.getName()) && p.getIn() == Parameter.In.QUERY)) {
            operation.addParameter(OASFactory.createParameter()
                    .name(name)
                    .in(Parameter.In.QUERY)
                    .description(description)
                    .schema(schema));
        }
    }

    private static void documentCreation(String path, Operation operation, Map<String, PathItem> items) {
        APIResponses responses = operation.getResponses();
        APIResponse ok = responses == null ? null : responses.getAPIResponse("200");
        if (ok == null || schemaOf(ok) != null) {
            return;
        }
        String base = path.endsWith("/") ? path : path + "/";
        Pattern item = Pattern.compile(Pattern.quote(base) + "\\{[^/}]+}/?");
        PathItem created = items.entrySet().stream()
                .filter(e -> item.matcher(e.getKey()).matches())
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
        Operation read = created == null ? null : created.getGET();
        APIResponse readOk = read == null || read.getResponses() == null
                ? null
                : read.getResponses().getAPIResponse("200");
        Schema resource = readOk == null ? null : schemaOf(readOk);
        if (resource == null) {
            return;
        }
        responses.removeAPIResponse("200");
        responses.addAPIResponse(
                "201",
                OASFactory.createAPIResponse()
                        .description("Created")
                        .addHeader(
                                "Location",
                                OASFactory.createHeader()
                                        .description("The created resource")
                                        .schema(OASFactory.createSchema().addType(SchemaType.STRING)))
                        .content(json(OASFactory.createSchema().ref(resource.getRef()))));
    }

    private static void wrapInEnvelope(String path, Operation operation) {
        if (!path.startsWith("/api/v1/") || operation.getResponses() == null) {
            return;
        }
        operation.getResponses().getAPIResponses().forEach((status, response) -> {
            Schema data = status.startsWith("2") ? schemaOf(response) : null;
            if (data != null && data.getRef() != null && !data.getRef().contains("Envelope")) {
                response.getContent().getMediaType("application/json").setSchema(successEnvelope(data));
            }
        });
    }

    private static Schema schemaOf(APIResponse response) {
        if (response.getContent() == null || response.getContent().getMediaType("application/json") == null) {
            return null;
        }
        return response.getContent().getMediaType("application/json").getSchema();
    }

    private static Content json(Schema schema) {
        return OASFactory.createContent()
                .addMediaType("application/json", OASFactory.createMediaType().schema(schema));
    }

    private static Schema successEnvelope(Schema data) {
        return OASFactory.createSchema()
                .addType(SchemaType.OBJECT)
                .required(List.of("success", "message", "data", "errors"))
                .addProperty(
                        "success",
                        OASFactory.createSchema().addType(SchemaType.BOOLEAN).constValue(true))
                .addProperty("message", OASFactory.createSchema().addType(SchemaType.STRING))
                .addProperty("data", OASFactory.createSchema().ref(data.getRef()))
                .addProperty("errors", OASFactory.createSchema().addType(SchemaType.NULL));
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
        add(responses, "503", "Its database or a service behind it is unavailable for now: retry after Retry-After");
        responses
                .getAPIResponse("503")
                .addHeader(
                        "Retry-After",
                        OASFactory.createHeader()
                                .description("Seconds to wait before retrying")
                                .schema(OASFactory.createSchema().addType(SchemaType.INTEGER)));
    }

    private static void add(APIResponses responses, String status, String description) {
        APIResponse existing = responses.getAPIResponse(status);
        if (existing != null) {
            // SmallRye's own 400/401/403 have no body: give them the envelope, keep a description of ours
            if (existing.getContent() == null
                    || existing.getContent().getMediaTypes().isEmpty()) {
                existing.description(description)
                        .content(json(OASFactory.createSchema().ref(REF)));
            }
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
