package org.clinic.common.pagination;

import java.util.Locale;

/** {@code ?search=}: case-insensitive "contains", with {@code %} and {@code _} taken literally (API.md §1). */
public final class Search {

    /** Use as {@code lower(field) like :pattern escape '\'}. */
    public static final String ESCAPE = " escape '\\'";

    private Search() {}

    /** The LIKE pattern for {@code term}, or null when there is nothing to search for. */
    public static String containsPattern(String term) {
        if (term == null || term.isBlank()) {
            return null;
        }
        String escaped = term.trim()
                .toLowerCase(Locale.ROOT)
                .replace("\\", "\\\\")
                .replace("%", "\\%")
                .replace("_", "\\_");
        return "%" + escaped + "%";
    }
}
