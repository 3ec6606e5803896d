package org.clinic.common.pagination;

import java.util.Locale;
import org.clinic.common.error.InvalidRequest;

/** {@code ?search=}: case-insensitive "contains", with {@code %} and {@code _} taken literally (API.md §1). */
public final class Search {

    /** Use as {@code lower(field) like :pattern escape '\'}. */
    public static final String ESCAPE = " escape '\\'";

    private Search() {}

    /** The longest term a list searches for (issue 26: no request makes a service scan with an unbounded pattern). */
    public static final int MAX_LENGTH = 100;

    /**
     * The LIKE pattern for {@code term}, or null when there is nothing to search for; a term over {@link #MAX_LENGTH}
     * characters is a 400 naming {@code search}.
     */
    public static String containsPattern(String term) {
        if (term == null || term.isBlank()) {
            return null;
        }
        if (term.codePointCount(0, term.length()) > MAX_LENGTH) {
            throw InvalidRequest.field("search", "must be at most " + MAX_LENGTH + " characters");
        }
        String escaped = term.trim()
                .toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
