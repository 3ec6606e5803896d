package org.clinic.common.pagination;

import jakarta.ws.rs.core.UriInfo;
import java.util.Set;
import org.clinic.common.error.InvalidRequest;

/** List filters read from the query string; a bad value is a 400 naming the parameter (API.md §1). */
public final class QueryParams {

    private QueryParams() {}

    /** {@code true}/{@code false}, or null when absent. */
    public static Boolean bool(UriInfo uri, String name) {
        String value = uri.getQueryParameters().getFirst(name);
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw InvalidRequest.field(name, "must be true or false");
        };
    }

    /** A positive id, or null when absent. */
    public static Long id(UriInfo uri, String name) {
        String value = uri.getQueryParameters().getFirst(name);
        if (value == null) {
            return null;
        }
        try {
            long id = Long.parseLong(value.trim());
            if (id > 0) {
                return id;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw InvalidRequest.field(name, "must be a positive integer");
    }

    /** A {@code YYYY-MM-DD} date, or null when absent. */
    public static java.time.LocalDate date(UriInfo uri, String name) {
        String value = uri.getQueryParameters().getFirst(name);
        if (value == null) {
            return null;
        }
        try {
            return java.time.LocalDate.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw InvalidRequest.field(name, "must be a date as YYYY-MM-DD");
        }
    }

    /** One of {@code allowed}, or null when absent. */
    public static String oneOf(UriInfo uri, String name, Set<String> allowed) {
        String value = uri.getQueryParameters().getFirst(name);
        if (value != null && !allowed.contains(value)) {
            throw InvalidRequest.field(
                    name,
                    "must be one of "
                            + String.join(", ", allowed.stream().sorted().toList()));
        }
        return value;
    }

    /** An ISO-8601 instant; null when absent unless {@code required}. */
    public static java.time.Instant instant(UriInfo uri, String name, boolean required) {
        String value = uri.getQueryParameters().getFirst(name);
        if (value == null) {
            if (required) {
                throw InvalidRequest.field(name, "is required");
            }
            return null;
        }
        try {
            return java.time.Instant.parse(value.trim());
        } catch (java.time.format.DateTimeParseException e) {
            throw InvalidRequest.field(name, "must be an ISO-8601 instant");
        }
    }
}
