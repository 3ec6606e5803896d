package org.clinic.common.tenancy;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Recognises {@code /api/v1/clinics/{clinic_id}/…} whatever the resource is called. */
public final class ClinicPath {

    private static final Pattern CLINIC_PATH = Pattern.compile("^/api/v1/clinics/([^/]+)(?:/.*)?$");

    private static final Pattern DISPLAY_PATH = Pattern.compile("^/api/v1/clinics/[0-9]+/queue-board(?:/stream)?/?$");

    private ClinicPath() {}

    public static boolean isClinicPath(String path) {
        return CLINIC_PATH.matcher(path).matches();
    }

    /** The only clinic paths a {@code display} device may read (API.md §7). */
    public static boolean isDisplayPath(String path) {
        return DISPLAY_PATH.matcher(path).matches();
    }

    /** The clinic id of the path; empty when the segment is not a positive 64-bit integer. */
    public static OptionalLong clinicId(String path) {
        Matcher m = CLINIC_PATH.matcher(path);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        String segment = m.group(1);
        // ASCII digits only: Character.isDigit (and Long.parseLong) also take other scripts' digits
        if (segment.isEmpty() || segment.length() > 19 || !segment.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalLong.empty();
        }
        try {
            long id = Long.parseLong(segment);
            return id > 0 ? OptionalLong.of(id) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
