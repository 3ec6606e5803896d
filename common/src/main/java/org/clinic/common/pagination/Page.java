package org.clinic.common.pagination;

import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.List;
import java.util.function.Function;
import org.clinic.common.error.NotFound;
import org.clinic.common.web.PagedEnvelope;

/** One page of a list and the total count; turns itself into the list envelope. */
public record Page<T>(List<T> items, long count, PageRequest request) {

    public int totalPages() {
        return pages(count, request.pageSize());
    }

    /** A page past the last is a 404, as in DRF (API.md §1). */
    public static void requireExists(PageRequest request, long count) {
        if (request.page() > pages(count, request.pageSize())) {
            throw new NotFound("Invalid page.");
        }
    }

    /** An empty list is page 1 of 1. */
    private static int pages(long count, int pageSize) {
        return (int) Math.max(1, (count + pageSize - 1) / pageSize);
    }

    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), count, request);
    }

    public PagedEnvelope<T> envelope(String message, UriInfo uri) {
        int pages = totalPages();
        String next = request.page() < pages ? link(uri, request.page() + 1) : null;
        String previous = request.page() > 1 ? link(uri, request.page() - 1) : null;
        return PagedEnvelope.ok(
                message,
                items,
                new PagedEnvelope.Pagination(count, request.page(), request.pageSize(), pages, next, previous));
    }

    private String link(UriInfo uri, int page) {
        URI target = uri.getRequestUriBuilder()
                .replaceQueryParam("page", page)
                .replaceQueryParam("page_size", request.pageSize())
                .build();
        return target.getRawPath() + "?" + target.getRawQuery();
    }
}
