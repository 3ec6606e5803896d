package org.clinic.gateway.edge;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.clinic.common.ops.InvalidSetting;
import org.clinic.common.web.HttpEdge;
import org.clinic.gateway.config.GatewayConfig;

/**
 * CORS exactly as API.md §7 says, for every response of the gateway, forwarded ones included. A preflight from an
 * allowed origin is answered 204 here, before the token check and the rate limits; one from any other origin is a
 * 403 in the envelope. Every other response to an allowed origin carries {@code Access-Control-Allow-Origin} (that
 * origin), {@code Vary: Origin} and the exposed headers, set when the headers are written, so errors, 429s and a
 * service's answers carry them too; a service's own {@code Access-Control-*} headers never pass. Credentials are
 * never allowed. Quarkus's CORS filter answers a preflight 200 and refuses other origins with an empty 403, which §7
 * does not allow (docs/decisions.md §15).
 */
@ApplicationScoped
public class CorsFilter {

    /** After the request id (HttpEdge, 1000), before the caller (900) and the rate limits (800). */
    static final int PRIORITY = 950;

    static final String ALLOW_METHODS = "GET, POST, PUT, PATCH, DELETE";
    static final String ALLOW_HEADERS =
            "Authorization, Content-Type, If-Match, Idempotency-Key, X-Request-ID, Last-Event-ID";
    static final String EXPOSE_HEADERS = "ETag, Location, Retry-After, X-Request-ID, X-Last-Event-ID, "
            + "Content-Disposition, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset";
    static final String MAX_AGE = "3600";

    private static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?");

    private final Set<String> origins;

    public CorsFilter(GatewayConfig config) {
        this.origins = origins(config.cors().allowedOrigins().orElse(List.of()));
    }

    /**
     * The configured origins, each exact: scheme, host and optional port, nothing else. {@code *}, patterns, paths
     * and {@code null} stop the gateway at start, naming the setting.
     */
    static Set<String> origins(List<String> configured) {
        Set<String> origins = new LinkedHashSet<>();
        List<String> refused = new ArrayList<>();
        for (String raw : configured) {
            String origin = raw.trim();
            if (origin.isEmpty()) {
                continue;
            }
            if (!ORIGIN.matcher(origin).matches() || !validPort(origin)) {
                refused.add(origin);
            } else {
                origins.add(origin);
            }
        }
        if (!refused.isEmpty()) {
            throw new InvalidSetting(
                    "clinic.cors.allowed-origins",
                    "must list exact"
                            + " origins such as https://desk.example-clinic.app (lower case, no path, no *, no null);"
                            + " refused: " + String.join(", ", refused));
        }
        return Set.copyOf(origins);
    }

    private static boolean validPort(String origin) {
        int port = URI.create(origin).getPort();
        return port == -1 || port > 0 && port <= 65535;
    }

    void register(@Observes Filters filters) {
        filters.register(this::cors, PRIORITY);
    }

    private void cors(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null) {
            ctx.next();
            return;
        }
        boolean allowed = origins.contains(origin);
        HttpServerResponse response = ctx.response();
        ctx.addHeadersEndHandler(v -> headers(response.headers(), allowed ? origin : null));
        boolean preflight = ctx.request().method() == HttpMethod.OPTIONS
                && ctx.request().getHeader("Access-Control-Request-Method") != null;
        if (!preflight) {
            ctx.next();
        } else if (!allowed) {
            HttpEdge.writeError(ctx, 403, "Cross-origin requests from this origin are not allowed.");
        } else {
            response.setStatusCode(204)
                    .putHeader("Access-Control-Allow-Methods", ALLOW_METHODS)
                    .putHeader("Access-Control-Allow-Headers", ALLOW_HEADERS)
                    .putHeader("Access-Control-Max-Age", MAX_AGE)
                    .end();
        }
    }

    /** Only the gateway speaks CORS: whatever a service said is replaced by what §7 says for this origin. */
    private static void headers(MultiMap headers, String allowedOrigin) {
        List<String> foreign = new ArrayList<>();
        for (String name : headers.names()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("access-control-")
                    && !(allowedOrigin != null
                            && (lower.equals("access-control-allow-methods")
                                    || lower.equals("access-control-allow-headers")
                                    || lower.equals("access-control-max-age")))) {
                foreign.add(name);
            }
        }
        foreign.forEach(headers::remove);
        Set<String> vary = new LinkedHashSet<>();
        for (String value : headers.getAll("Vary")) {
            for (String part : value.split(",")) {
                if (!part.isBlank()) {
                    vary.add(part.trim());
                }
            }
        }
        vary.add("Origin");
        headers.set("Vary", String.join(", ", vary));
        if (allowedOrigin != null) {
            headers.set("Access-Control-Allow-Origin", allowedOrigin);
            headers.set("Access-Control-Expose-Headers", EXPOSE_HEADERS);
        }
    }
}
