package org.clinic.common.web;

/**
 * One spelling per resource (issue 26): an API path ({@code /api/…}) that is not in canonical form names nothing and
 * is a 404 in every process, before anything routes, checks or forwards it. Otherwise two spellings of one path could
 * be told apart by one layer and merged by the next — the gateway's route table reading {@code visits/stream;x=1} as a
 * plain request while the service's router serves it as a stream, or {@code doctors/0002/} passing for doctor 2.
 *
 * <p>Canonical: segments of ASCII letters, digits, {@code _ - .} only (so no {@code ;} matrix parameters, no percent
 * encoding of anything, slashes and dots included); no empty segment but a trailing slash; no {@code .} or {@code ..}
 * segment; a segment of digits (an id) without leading zeros and at most 18 digits long (any such id fits a long).
 */
public final class CanonicalPaths {

    private static final int MAX_ID_DIGITS = 18;

    private CanonicalPaths() {}

    /** Whether {@code rawPath} (as the client sent it, before any decoding or normalising) is outside the rule. */
    public static boolean refused(String rawPath) {
        return rawPath != null && (rawPath.equals("/api") || rawPath.startsWith("/api/")) && !canonical(rawPath);
    }

    static boolean canonical(String rawPath) {
        int length = rawPath.length();
        int start = 1; // after the leading slash
        while (start <= length) {
            int end = rawPath.indexOf('/', start);
            if (end < 0) {
                end = length;
            }
            boolean last = end == length;
            if (end == start) {
                // an empty segment: only the one after a trailing slash
                if (!last) {
                    return false;
                }
            } else if (!segment(rawPath, start, end)) {
                return false;
            }
            start = end + 1;
        }
        return true;
    }

    private static boolean segment(String path, int start, int end) {
        int length = end - start;
        if ((length == 1 && path.charAt(start) == '.') || (length == 2 && path.startsWith("..", start))) {
            return false;
        }
        boolean digits = true;
        for (int i = start; i < end; i++) {
            char c = path.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            if (!digit && !(c >= 'a' && c <= 'z') && !(c >= 'A' && c <= 'Z') && c != '_' && c != '-' && c != '.') {
                return false;
            }
            digits &= digit;
        }
        if (digits) {
            return length <= MAX_ID_DIGITS && (length == 1 || path.charAt(start) != '0');
        }
        return true;
    }
}
