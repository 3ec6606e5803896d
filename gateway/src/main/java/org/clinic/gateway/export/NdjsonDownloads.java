package org.clinic.gateway.export;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * An export's file is NDJSON (API.md §9) streamed as the raw bytes stored, piece by piece. RESTEasy Reactive frames a
 * stream produced as {@code application/x-ndjson} itself (each element written as JSON, then a line end), which would
 * turn the stored bytes into something else; so {@link ExportResource} produces the pieces as
 * {@code application/octet-stream} and names the answer's type NDJSON in its headers, and a client that asks for
 * {@code application/x-ndjson} (or anything else) is answered that way too instead of a 406.
 */
public class NdjsonDownloads {

    private static final Pattern DOWNLOAD =
            Pattern.compile("/api/v1/clinics/[^/]+/exports/[^/]+/files/[^/]+\\.ndjson/?");

    @ServerRequestFilter(preMatching = true)
    public void acceptPieces(ContainerRequestContext request) {
        if (DOWNLOAD.matcher(request.getUriInfo().getPath()).matches()) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_OCTET_STREAM);
        }
    }
}
