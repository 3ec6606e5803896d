package org.clinic.common.web;

import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import org.jboss.resteasy.reactive.RestResponse;

/** Builds the responses that carry more than a body: 201 with Location, 204, ETag. */
public final class Responses {

    private Responses() {}

    /**
     * A 201 whose Location is the path as the client called it: JAX-RS would make it absolute
     * with this service's own host, which behind the gateway is an internal name.
     */
    public static <T> RestResponse<Envelope<T>> created(URI location, String message, T data) {
        return RestResponse.ResponseBuilder.<Envelope<T>>create(RestResponse.Status.CREATED)
                .header("Location", location.toString())
                .entity(Envelope.ok(message, data))
                .build();
    }

    /** A single resource with its ETag, so the client can send it back in If-Match. */
    public static <T> RestResponse<Envelope<T>> tagged(String message, T data, long version) {
        return RestResponse.ResponseBuilder.<Envelope<T>>ok(Envelope.ok(message, data))
                .header("ETag", Etags.of(version))
                .build();
    }

    /** The canonical path (trailing slash) of a resource created under the request's collection. */
    public static URI childOf(UriInfo uri, Object id) {
        String base = uri.getPath();
        return URI.create(base + (base.endsWith("/") ? "" : "/") + id + "/");
    }
}
