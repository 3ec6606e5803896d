package org.clinic.common.client;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import org.clinic.common.web.HttpEdge;
import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;

/**
 * Headers every call to another service carries: the caller's own {@code Authorization} (so the
 * other service applies the caller's clinic and role, never a service identity) and the
 * request id (API.md §1). Register on a REST client with
 * {@code @RegisterClientHeaders(CallerHeaders.class)}.
 */
@ApplicationScoped
public class CallerHeaders implements ClientHeadersFactory {

    private final CurrentVertxRequest current;

    public CallerHeaders(CurrentVertxRequest current) {
        this.current = current;
    }

    @Override
    public MultivaluedMap<String, String> update(
            MultivaluedMap<String, String> incoming, MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        RoutingContext request = current.getCurrent();
        if (request != null) {
            String authorization = request.request().getHeader("Authorization");
            if (authorization != null) {
                headers.putSingle("Authorization", authorization);
            }
            Object requestId = request.get(HttpEdge.REQUEST_ID);
            if (requestId != null) {
                headers.putSingle(HttpEdge.REQUEST_ID, requestId.toString());
            }
        }
        return headers;
    }
}
