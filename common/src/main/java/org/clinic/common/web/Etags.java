package org.clinic.common.web;

import org.clinic.common.error.PreconditionFailed;

/** Strong ETags made from an entity's version column, and the If-Match check (API.md §1). */
public final class Etags {

    private Etags() {}

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** No If-Match means "update whatever is there"; a non-matching one is a 412. */
    public static final String MISMATCH = "The resource was changed by someone else (If-Match does not match).";

    /** Whether a request named the version it changes (a tag, not only {@code *}). */
    public static boolean namesAVersion(String ifMatch) {
        if (ifMatch == null) {
            return false;
        }
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (!tag.isEmpty() && !tag.equals("*")) {
                return true;
            }
        }
        return false;
    }

    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return;
        }
        String current = of(currentVersion);
        for (String candidate : ifMatch.split(",")) {
            // strong comparison (RFC 9110 §13.1.1): a weak tag never matches
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(current)) {
                return;
            }
        }
        throw new PreconditionFailed(MISMATCH);
    }
}
