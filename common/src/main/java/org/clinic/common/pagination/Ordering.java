package org.clinic.common.pagination;

import jakarta.ws.rs.core.UriInfo;
import java.util.Map;
import org.clinic.common.error.InvalidRequest;

/** {@code ?ordering=} restricted to the values a list allows (API.md §1: anything else is a 400). */
public final class Ordering {

    private Ordering() {}

    /**
     * @param allowed API value → HQL order-by clause, e.g. {@code "-patient_name" → "patientName desc, id desc"}
     * @param fallback the API value used when none is given
     */
    public static String from(UriInfo uri, Map<String, String> allowed, String fallback) {
        String requested = uri.getQueryParameters().getFirst("ordering");
        String key = requested == null || requested.isBlank() ? fallback : requested.trim();
        String clause = allowed.get(key);
        if (clause == null) {
            throw InvalidRequest.field(
                    "ordering",
                    "must be one of "
                            + String.join(
                                    ", ", allowed.keySet().stream().sorted().toList()));
        }
        return clause;
    }
}
