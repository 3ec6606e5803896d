package org.clinic.common.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clinic.common.error.Conflict;
import org.clinic.common.error.DomainException;
import org.clinic.common.error.ErrorMappers;
import org.clinic.common.error.Forbidden;
import org.clinic.common.error.InvalidRequest;
import org.clinic.common.error.NotFound;
import org.clinic.common.error.ServiceUnavailable;
import org.clinic.common.error.Unauthenticated;
import org.jboss.logging.Logger;

/**
 * Turns another service's answer into this service's error: its 4xx envelope passes through
 * (status, message and field errors, which name the caller's own fields), anything else — a 5xx,
 * a timeout, a refused connection — is a 503 that names no host.
 */
public final class Downstream {

    private static final Logger LOG = Logger.getLogger(Downstream.class);

    private Downstream() {}

    public static Throwable translate(Throwable failure, String service) {
        if (failure instanceof DomainException) {
            return failure;
        }
        if (failure instanceof WebApplicationException web && web.getResponse().getStatus() < 500) {
            int status = web.getResponse().getStatus();
            JsonNode body = body(web);
            String message = body != null && body.hasNonNull("message")
                    ? body.get("message").asText()
                    : null;
            switch (status) {
                case 400:
                    return new InvalidRequest(message == null ? "Validation error" : message, errors(body));
                case 401:
                    return new Unauthenticated(ErrorMappers.UNAUTHENTICATED);
                case 403:
                    return new Forbidden(
                            message == null ? "You do not have permission to perform this action." : message);
                case 404:
                    return new NotFound(message == null ? "Not found." : message);
                case 409:
                    return new Conflict(message == null ? "Conflict." : message);
                default:
                    break;
            }
        }
        LOG.warnf("%s failed: %s", service, failure.toString());
        return new ServiceUnavailable("The " + service + " is unavailable; try again shortly.");
    }

    /**
     * Whether a failed call says the other service is unwell (no answer in time, no connection, a 5xx), as opposed
     * to an answer about the request (a 4xx): what a circuit breaker counts.
     */
    public static boolean isOutage(Throwable failure) {
        int status = status(failure);
        return status < 0 || status >= 500;
    }

    /** The HTTP status another service answered with, or -1 for a failure that is not an answer (a timeout, say). */
    public static int status(Throwable failure) {
        return failure instanceof WebApplicationException web
                ? web.getResponse().getStatus()
                : -1;
    }

    private static JsonNode body(WebApplicationException web) {
        try {
            return web.getResponse().readEntity(JsonNode.class);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Map<String, List<String>> errors(JsonNode body) {
        if (body == null || !body.hasNonNull("errors") || !body.get("errors").isObject()) {
            return null;
        }
        Map<String, List<String>> errors = new LinkedHashMap<>();
        body.get("errors").fields().forEachRemaining(field -> {
            List<String> messages = new ArrayList<>();
            field.getValue().forEach(m -> messages.add(m.asText()));
            errors.put(field.getKey(), messages);
        });
        return errors;
    }
}
