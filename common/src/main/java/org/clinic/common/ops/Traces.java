package org.clinic.common.ops;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.regex.Pattern;

/**
 * What our code adds to the current request's span: the clinic (an attribute, never in a name) and, for routes Quarkus
 * does not template itself (the gateway's forwarding), a route template instead of the raw path. Nothing else: no
 * PHI, no tokens.
 */
public final class Traces {

    public static final String CLINIC_ID = "clinic_id";
    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";
    private static final Pattern CLINIC_SEGMENT = Pattern.compile("^/api/v1/clinics/[^/]+");
    private static final Pattern ID_SEGMENT = Pattern.compile("/[0-9]+(?=/|$)");

    private Traces() {}

    /** The current trace's id for log lines, or null when there is none (tracing off). */
    public static String traceId() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? context.getTraceId() : null;
    }

    public static void clinic(Long clinicId) {
        if (clinicId != null) {
            Span.current().setAttribute(CLINIC_ID, clinicId);
        }
    }

    /** {@code /api/v1/clinics/7/patients/42/check_in/} → {@code /api/v1/clinics/{clinic_id}/patients/{id}/check_in/}. */
    public static String template(String path) {
        String clinic = CLINIC_SEGMENT.matcher(path).replaceFirst("/api/v1/clinics/{clinic_id}");
        return ID_SEGMENT.matcher(clinic).replaceAll("/{id}");
    }

    /**
     * Names the current server span by the route template of {@code path} (the gateway's forwarded routes, which Quarkus
     * would name by their regex), where Quarkus's tracing reads it at the end: the request's Vert.x context. Nothing is
     * computed when tracing is off.
     */
    public static void route(String method, String path) {
        Span span = Span.current();
        if (!span.getSpanContext().isValid()) {
            return;
        }
        String template = template(path);
        Context request = Vertx.currentContext();
        if (request != null) {
            request.putLocal(URL_PATH_TEMPLATE, template);
        }
        span.updateName(method + " " + template);
        span.setAttribute("http.route", template);
    }
}
