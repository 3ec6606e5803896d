package org.clinic.gateway.apidocs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.clinic.common.apidocs.ApiTags;
import org.clinic.gateway.config.GatewayConfig;
import org.clinic.gateway.edge.Routes;
import org.jboss.logging.Logger;

/**
 * API.md §6's one document: the gateway's own OpenAPI and the three services', fetched from each
 * process's {@code /q/openapi} (the services generate theirs from their resources, so it cannot
 * drift from the code), merged into the public shape. Only the paths the gateway serves or
 * forwards to that service are kept (a service's internal endpoints stay out), paths take their
 * canonical trailing slash (API.md §1), and a component two documents define differently is
 * renamed after its service. The merge is cached for a minute; a service that cannot be reached
 * contributes the last document it gave, and until every part has been seen once the schema is
 * unavailable (503) rather than silently incomplete.
 */
@ApplicationScoped
public class ApiSchema {

    private static final Logger LOG = Logger.getLogger(ApiSchema.class);
    private static final Duration FRESH = Duration.ofMinutes(1);

    /** A part of the API that has not answered yet. */
    public static final class Incomplete extends RuntimeException {
        Incomplete(String part) {
            super(part, null, false, false);
        }
    }

    private record Part(String name, URI base, Routes.Service routedTo) {}

    private record Merged(JsonNode document, long madeAt) {}

    private final ObjectMapper json;
    private final List<Part> services;
    private final Map<String, JsonNode> lastGood = new ConcurrentHashMap<>();
    private final HttpClient client;
    private volatile Merged merged;

    public ApiSchema(ObjectMapper json, GatewayConfig config, Vertx vertx) {
        this.json = json;
        GatewayConfig.Routing routing = config.routing();
        this.services = List.of(
                new Part("patients", routing.patientsUrl(), Routes.Service.PATIENTS),
                new Part("doctors", routing.doctorsUrl(), Routes.Service.DOCTORS),
                new Part("consultations", routing.consultationsUrl(), Routes.Service.CONSULTATIONS));
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) routing.connectTimeout().toMillis())
                .setKeepAlive(false));
    }

    /** The merged document; {@code ownPort} is where this gateway's own description is served. */
    public Uni<JsonNode> document(int ownPort) {
        Merged current = merged;
        if (current != null && System.nanoTime() - current.madeAt() < FRESH.toNanos()) {
            return Uni.createFrom().item(current.document());
        }
        List<Uni<JsonNode>> fetches = new ArrayList<>();
        fetches.add(fetch("gateway", URI.create("http://127.0.0.1:" + ownPort)));
        services.forEach(part -> fetches.add(fetch(part.name(), part.base())));
        return Uni.join().all(fetches).andFailFast().map(documents -> {
            JsonNode result = merge(documents.get(0), documents.subList(1, documents.size()));
            merged = new Merged(result, System.nanoTime());
            return result;
        });
    }

    private Uni<JsonNode> fetch(String name, URI base) {
        int port = base.getPort() > 0 ? base.getPort() : ("https".equals(base.getScheme()) ? 443 : 80);
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setHost(base.getHost())
                .setPort(port)
                .setSsl("https".equals(base.getScheme()))
                .setURI("/q/openapi?format=json")
                .setIdleTimeout(5000);
        return Uni.createFrom()
                .completionStage(() -> client.request(request)
                        .compose(r -> r.send())
                        .compose(response -> response.statusCode() == 200
                                ? response.body()
                                : io.vertx.core.Future.failedFuture("status " + response.statusCode()))
                        .toCompletionStage())
                .map(body -> parse(body.getBytes()))
                .invoke(document -> lastGood.put(name, document))
                .onFailure()
                .recoverWithUni(failure -> {
                    JsonNode previous = lastGood.get(name);
                    if (previous == null) {
                        LOG.warnf("The %s API description is unavailable: %s", name, failure.getMessage());
                        return Uni.createFrom().failure(new Incomplete(name));
                    }
                    return Uni.createFrom().item(previous);
                });
    }

    private JsonNode parse(byte[] body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException("not an OpenAPI document", e);
        }
    }

    JsonNode merge(JsonNode gateway, List<JsonNode> serviceDocuments) {
        ObjectNode result = json.createObjectNode();
        result.set(
                "openapi",
                gateway.path("openapi").isMissingNode() ? TextNode.valueOf("3.0.3") : gateway.get("openapi"));
        ObjectNode info = result.putObject("info");
        info.put("title", "Clinic platform API");
        info.put("version", "1.0");
        info.putObject("license")
                .put("name", "Proprietary: the platform operator's terms of service")
                .put("identifier", "LicenseRef-Proprietary");
        info.put(
                "description",
                "The multi-tenant clinic platform, served through its gateway. Every clinic route lives"
                        + " under /api/v1/clinics/{clinic_id}/ and needs a bearer token of that clinic.");
        result.putArray("servers").addObject().put("url", "/");
        ObjectNode paths = result.putObject("paths");
        ObjectNode components = result.putObject("components");

        add(paths, components, (ObjectNode) gateway.deepCopy(), "gateway", null);
        for (int i = 0; i < serviceDocuments.size(); i++) {
            Part part = services.get(i);
            add(paths, components, (ObjectNode) serviceDocuments.get(i).deepCopy(), part.name(), part.routedTo());
        }
        result.set("tags", tags(paths));
        if (gateway.has("security")) {
            result.set("security", gateway.get("security"));
        }
        removeUnreferencedSchemas(result);
        return result;
    }

    /**
     * The groups of the document, from common's {@link ApiTags} table whatever the parts' own tag lists say: its order
     * (API.md's) and its descriptions. Only the tags a kept operation uses are listed, so Swagger UI never shows an
     * empty group (a tag whose operations are all internal, say); ApiSchemaTest checks that every group of the table
     * is here and that no operation names a tag outside it.
     */
    private ArrayNode tags(ObjectNode paths) {
        Set<String> used = new HashSet<>();
        paths.forEach(item -> item.fields().forEachRemaining(operation -> {
            if (HTTP_METHODS.contains(operation.getKey())) {
                operation.getValue().path("tags").forEach(tag -> used.add(tag.asText()));
            }
        }));
        ArrayNode list = json.createArrayNode();
        for (ApiTags.Tag tag : ApiTags.ALL) {
            if (used.contains(tag.name())) {
                list.addObject().put("name", tag.name()).put("description", tag.description());
            }
        }
        return list;
    }

    private static final Set<String> HTTP_METHODS =
            Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    /**
     * Schemas only a left-out path used (a service's internal endpoints) go too, so the document describes
     * exactly the public routes and a generator makes no types nobody can receive.
     */
    private static void removeUnreferencedSchemas(ObjectNode document) {
        JsonNode schemas = document.path("components").path("schemas");
        if (!(schemas instanceof ObjectNode all)) {
            return;
        }
        java.util.Set<String> reachable = new java.util.HashSet<>();
        java.util.Deque<JsonNode> pending = new java.util.ArrayDeque<>();
        pending.add(document.path("paths"));
        while (!pending.isEmpty()) {
            JsonNode node = pending.pop();
            if (node.isObject()) {
                JsonNode ref = node.get("$ref");
                String prefix = "#/components/schemas/";
                if (ref != null && ref.isTextual() && ref.asText().startsWith(prefix)) {
                    String name = ref.asText().substring(prefix.length());
                    if (reachable.add(name) && all.has(name)) {
                        pending.add(all.get(name));
                    }
                }
            }
            node.forEach(pending::add);
        }
        all.retain(reachable);
    }

    private void add(
            ObjectNode paths, ObjectNode components, ObjectNode document, String name, Routes.Service routedTo) {
        renameClashes(document, components, name);
        Iterator<Map.Entry<String, JsonNode>> entries = document.path("paths").fields();
        while (entries.hasNext()) {
            Map.Entry<String, JsonNode> entry = entries.next();
            String path = entry.getKey();
            if (path.startsWith("/q/")) {
                continue;
            }
            Routes.Service owner = Routes.serviceOf(path);
            if (owner != routedTo) {
                continue; // served by someone else through the gateway, or internal to the service
            }
            String canonical = path.startsWith("/api/") && !path.endsWith("/") ? path + "/" : path;
            JsonNode existing = paths.get(canonical);
            if (existing instanceof ObjectNode target) {
                target.setAll((ObjectNode) entry.getValue());
            } else {
                paths.set(canonical, entry.getValue());
            }
        }
        Iterator<Map.Entry<String, JsonNode>> kinds =
                document.path("components").fields();
        while (kinds.hasNext()) {
            Map.Entry<String, JsonNode> kind = kinds.next();
            ObjectNode into = components.has(kind.getKey())
                    ? (ObjectNode) components.get(kind.getKey())
                    : components.putObject(kind.getKey());
            into.setAll((ObjectNode) kind.getValue());
        }
    }

    /** Components this document defines differently from what is merged so far get the part's name as prefix. */
    private static void renameClashes(ObjectNode document, ObjectNode merged, String partName) {
        Map<String, String> renames = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> kinds =
                document.path("components").fields();
        while (kinds.hasNext()) {
            Map.Entry<String, JsonNode> kind = kinds.next();
            JsonNode already = merged.path(kind.getKey());
            Set<String> names = new HashSet<>();
            kind.getValue().fieldNames().forEachRemaining(names::add);
            for (String component : names) {
                JsonNode other = already.get(component);
                if (other != null && !other.equals(kind.getValue().get(component))) {
                    String renamed = Character.toUpperCase(partName.charAt(0)) + partName.substring(1) + component;
                    ObjectNode definitions = (ObjectNode) kind.getValue();
                    definitions.set(renamed, definitions.remove(component));
                    renames.put(
                            "#/components/" + kind.getKey() + "/" + component,
                            "#/components/" + kind.getKey() + "/" + renamed);
                }
            }
        }
        if (!renames.isEmpty()) {
            rewriteRefs(document, renames);
        }
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && renames.containsKey(ref.asText())) {
                object.put("$ref", renames.get(ref.asText()));
            }
            object.elements().forEachRemaining(child -> rewriteRefs(child, renames));
        } else if (node instanceof ArrayNode array) {
            array.elements().forEachRemaining(child -> rewriteRefs(child, renames));
        }
    }

    void close(@Observes ShutdownEvent event) {
        client.close();
    }
}
