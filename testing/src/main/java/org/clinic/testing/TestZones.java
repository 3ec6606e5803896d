package org.clinic.testing;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * The time zone of the clinics tests make, chosen so that a clinic's local day cannot roll over while a test runs:
 * one where it is about noon now (a fixed-offset zone, {@code Etc/GMT-5} being UTC+5), unless
 * {@code CLINIC_TEST_ZONE} names one. A test about a particular zone's midnight names that zone itself and pins the
 * clock or waits ({@link #outsideMidnight}).
 */
public final class TestZones {

    private TestZones() {}

    /** {@code CLINIC_TEST_ZONE}, or the fixed-offset zone where the local hour is 12 now. */
    public static String clinicZone() {
        String forced = System.getenv("CLINIC_TEST_ZONE");
        if (forced != null && !forced.isBlank()) {
            return forced;
        }
        return noonNow();
    }

    static String noonNow() {
        int utcHour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
        int offset = 12 - utcHour;
        if (offset > 14) {
            offset -= 24;
        }
        if (offset < -12) {
            offset += 24;
        }
        // the Etc zones' signs are POSIX's, inverted: Etc/GMT-5 is UTC+5
        return offset == 0 ? "UTC" : "Etc/GMT" + (offset > 0 ? "-" : "+") + Math.abs(offset);
    }

    /**
     * Returns once the local day in {@code zone} is at least {@code margin} away from its end: a test about "today"
     * in that zone that takes less than the margin then cannot see the day roll. Waits at most {@code margin}.
     */
    public static void outsideMidnight(ZoneId zone, Duration margin) {
        LocalDateTime now = LocalDateTime.now(zone);
        LocalDateTime midnight = now.toLocalDate().plusDays(1).atStartOfDay();
        Duration left = Duration.between(now, midnight);
        if (left.compareTo(margin) < 0) {
            try {
                Thread.sleep(left.toMillis() + 1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
