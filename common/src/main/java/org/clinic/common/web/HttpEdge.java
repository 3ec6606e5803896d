package org.clinic.common.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.clinic.common.error.HttpMessages;
import org.clinic.common.ops.ShutdownPhase;
import org.clinic.common.ops.Traces;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * What every request gets before any resource sees it, on every service: a request id
 * (API.md §1), the body-size limit, one access-log line, and the envelope for the errors
 * Vert.x answers itself (unknown route, oversized body).
 */
@ApplicationScoped
public class HttpEdge {

    public static final String REQUEST_ID = "X-Request-ID";
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** When a client may retry a 503 (a database or service that is back within seconds, usually). */
    public static final String RETRY_AFTER_SECONDS = "2";

    /** Every answer under the API (issue 26: PHI is never cached). */
    public static final String NO_STORE = "no-store";

    private static final String API = "/api/v1/";
    private static final Pattern VALID_REQUEST_ID = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final String LOG_CLINIC_ID = "clinic.log.clinic_id";
    private static final String TRACE_ID = "clinic.log.trace_id";
    private static final String LOG_USER_ID = "clinic.log.user_id";
    private static final String SHUTTING_DOWN = "This server is shutting down. Please retry.";
    private static final Logger ACCESS = Logger.getLogger("org.clinic.access");

    private final ShutdownPhase shutdown;

    HttpEdge(ShutdownPhase shutdown) {
        this.shutdown = shutdown;
    }

    void register(@Observes Filters filters) {
        filters.register(this::edge, 1000);
        filters.register(HttpEdge::refuseUnreadable, REFUSALS);
    }

    /**
     * After the gateway's CORS filter (950), so that a browser on an allowed origin reads these refusals too, and
     * before anything reads the request (the gateway's caller check, 900).
     */
    static final int REFUSALS = 940;

    /**
     * A request refused whole before anything reads it: an API path not in canonical form (404: {@link CanonicalPaths}),
     * a body declared over the limit, NUL in the query string.
     */
    private static void refuseUnreadable(RoutingContext ctx) {
        if (CanonicalPaths.refused(ctx.request().path())) {
            writeError(ctx, 404);
            return;
        }
        String withNul = withNul(ctx);
        if (withNul != null) {
            writeInvalid(ctx, withNul, NulCharacters.MESSAGE);
            return;
        }
        if (declaredBodyTooLarge(ctx)) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            writeError(ctx, 413);
            return;
        }
        ctx.next();
    }

    void errorPages(@Observes Router router) {
        router.errorHandler(400, ctx -> writeError(ctx, 400));
        router.errorHandler(404, HttpEdge::notFound);
        router.errorHandler(405, ctx -> writeError(ctx, 405));
        router.errorHandler(413, ctx -> writeError(ctx, 413));
        router.errorHandler(500, ctx -> writeError(ctx, 500));
    }

    /** No route took the request: a path this process serves with other methods is a 405 with {@code Allow}. */
    private static void notFound(RoutingContext ctx) {
        String allow = OwnRoutes.allowIfNotAllowed(
                ctx.request().method().name(), ctx.request().path());
        if (allow != null && !ctx.response().ended()) {
            ctx.response().putHeader("Allow", allow);
            writeError(ctx, 405);
            return;
        }
        writeError(ctx, 404);
    }

    /**
     * A query parameter with a NUL in it (decoded): a 400 naming it, before any route sees the request, in every
     * process (body text is checked as JSON is read: {@link NulCharacters}; a header value with a NUL never gets
     * here: the HTTP decoder refuses the request with a bare 400).
     */
    private static String withNul(RoutingContext ctx) {
        MultiMap parameters;
        try {
            parameters = ctx.queryParams();
        } catch (RuntimeException malformed) {
            return null; // a query string that does not decode is left to the route, as before
        }
        for (Map.Entry<String, String> parameter : parameters) {
            if (NulCharacters.in(parameter.getValue()) || NulCharacters.in(parameter.getKey())) {
                return parameter.getKey().replace("\0", "");
            }
        }
        return null;
    }

    /** Keeps a client's id only when it is safe to log and echo; otherwise makes one. */
    public static String acceptRequestId(String candidate) {
        return candidate != null && VALID_REQUEST_ID.matcher(candidate).matches()
                ? candidate
                : UUID.randomUUID().toString();
    }

    private void edge(RoutingContext ctx) {
        long started = System.nanoTime();
        String requestId = acceptRequestId(ctx.request().getHeader(REQUEST_ID));
        ctx.put(REQUEST_ID, requestId);
        MDC.put("request_id", requestId);
        String traceId = Traces.traceId();
        if (traceId != null) {
            // next to request_id on every line of the request (Quarkus's own traceId key is camel case)
            MDC.put("trace_id", traceId);
            ctx.put(TRACE_ID, traceId);
        }
        ctx.response().putHeader(REQUEST_ID, requestId);
        if (ctx.request().path().startsWith(API)) {
            // patient data and tokens: no browser or proxy may keep any answer of the API, errors included
            ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, NO_STORE);
        }
        ctx.addEndHandler(done -> logAccess(ctx, requestId, started));
        if (shutdown.refusingNewRequests()) {
            // the last requests in flight are finishing: a new one would be cut when the server closes
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close").putHeader("Retry-After", "1");
            writeError(ctx, 503, SHUTTING_DOWN);
            return;
        }
        ctx.next();
    }

    private static boolean declaredBodyTooLarge(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            return false;
        }
        try {
            return Long.parseLong(length.trim()) > MAX_BODY_BYTES;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void logAccess(RoutingContext ctx, String requestId, long started) {
        // the path only: a query string can carry a patient's name from a search
        MDC.put("request_id", requestId);
        String traceId = ctx.get(TRACE_ID);
        if (traceId != null) {
            MDC.put("trace_id", traceId);
        }
        MDC.put("method", ctx.request().method().name());
        MDC.put("path", ctx.request().path());
        MDC.put("status", String.valueOf(ctx.response().getStatusCode()));
        MDC.put("duration_ms", String.valueOf((System.nanoTime() - started) / 1_000_000));
        String clinicId = ctx.get(LOG_CLINIC_ID);
        String userId = ctx.get(LOG_USER_ID);
        if (clinicId != null) {
            MDC.put("clinic_id", clinicId);
        }
        if (userId != null) {
            MDC.put("user_id", userId);
        }
        ACCESS.info("request completed");
        MDC.remove("method");
        MDC.remove("path");
        MDC.remove("status");
        MDC.remove("duration_ms");
    }

    static void writeError(RoutingContext ctx, int status) {
        writeError(ctx, status, HttpMessages.forStatus(status));
    }

    /** Answers with the error envelope from outside the REST layer (the gateway's edge, Vert.x errors). */
    public static void writeError(RoutingContext ctx, int status, String message) {
        if (ctx.response().ended()) {
            return;
        }
        if (status == 503 && ctx.response().headers().get("Retry-After") == null) {
            // a 503 is always worth retrying (API.md §1): say when
            ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
        }
        ctx.response()
                .setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.encode(new ErrorBody(message)));
    }

    /** A 400 naming one query parameter, from outside the REST layer. */
    static void writeInvalid(RoutingContext ctx, String name, String problem) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response()
                .setStatusCode(400)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.encode(new ErrorBody(false, "Validation error", null, Map.of(name, List.of(problem)))));
    }

    /** The envelope of an error, as bytes, for answers built outside a routing context. */
    public static String errorJson(String message) {
        return Json.encode(new ErrorBody(message));
    }

    /** Who made the request, for its access-log line (the REST layer's tenant filter uses the MDC instead). */
    public static void noteCaller(RoutingContext ctx, Long clinicId, Long userId) {
        Traces.clinic(clinicId);
        if (clinicId != null) {
            ctx.put(LOG_CLINIC_ID, String.valueOf(clinicId));
        }
        if (userId != null) {
            ctx.put(LOG_USER_ID, String.valueOf(userId));
        }
    }

    /** The envelope outside the REST layer, where the ObjectMapper isn't at hand. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    record ErrorBody(boolean success, String message, Object data, Object errors) {
        ErrorBody(String message) {
            this(false, message, null, null);
        }
    }
}
