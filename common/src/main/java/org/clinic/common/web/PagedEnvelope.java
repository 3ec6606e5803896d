package org.clinic.common.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/** The envelope of a list response: the four keys of {@link Envelope} plus {@code pagination}. */
@JsonPropertyOrder({"success", "message", "data", "errors", "pagination"})
public record PagedEnvelope<T>(
        boolean success, String message, List<T> data, Map<String, List<String>> errors, Pagination pagination) {

    /** {@code next}/{@code previous} are paths with the query, or null at either end. */
    @JsonPropertyOrder({"count", "page", "page_size", "total_pages", "next", "previous"})
    public record Pagination(long count, int page, int pageSize, int totalPages, String next, String previous) {}

    public static <T> PagedEnvelope<T> ok(String message, List<T> items, Pagination pagination) {
        return new PagedEnvelope<>(true, message, items, null, pagination);
    }
}
