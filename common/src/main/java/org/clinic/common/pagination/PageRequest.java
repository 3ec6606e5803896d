package org.clinic.common.pagination;

import jakarta.ws.rs.core.UriInfo;
import org.clinic.common.error.InvalidRequest;

/** {@code ?page=&page_size=} validated as API.md §1 says: positive integers, size at most 200. */
public record PageRequest(int page, int pageSize) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;

    public static PageRequest from(UriInfo uri) {
        return of(
                uri.getQueryParameters().getFirst("page"),
                uri.getQueryParameters().getFirst("page_size"));
    }

    public static PageRequest of(String page, String pageSize) {
        int p = positive("page", page, 1);
        int size = positive("page_size", pageSize, DEFAULT_SIZE);
        if (size > MAX_SIZE) {
            throw InvalidRequest.field("page_size", "must be at most " + MAX_SIZE);
        }
        return new PageRequest(p, size);
    }

    public int offset() {
        return (page - 1) * pageSize;
    }

    private static int positive(String name, String raw, int fallback) {
        if (raw == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InvalidRequest.field(name, "must be a positive integer");
    }
}
