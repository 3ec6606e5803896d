package org.clinic.doctors.visit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The waiting-time estimate of API.md §8, shared by the board and the doctor's queue: the number waiting times the
 * doctor's median consultation length ({@code started_at} to {@code completed_at}) over the clinic's last
 * {@value #WINDOW_DAYS} local days, rounded up to a minute; unknown (null) while the doctor has fewer than
 * {@value #MIN_SAMPLES} completed consultations in that window.
 */
public final class WaitEstimate {

    public static final int WINDOW_DAYS = 14;
    public static final int MIN_SAMPLES = 5;

    private WaitEstimate() {}

    /**
     * The clinic's time zone as its latest check-in knew it (V10: written with the day's token counter), and that
     * day; {@code $1} is the clinic. No caller's token is needed, so a board device and a stream read it too.
     */
    public static final String ZONE = "select zone, day from visit_token_counter where clinic_id = $1"
            + " and zone is not null order by day desc limit 1";

    /** The clinic's last {@value #WINDOW_DAYS} local days, today included. */
    public record Window(LocalDate from, LocalDate to) {

        /** The window at {@code now} in {@code zone}; null when the zone is not known (or not one Java knows). */
        public static Window of(String zone, Instant now) {
            if (zone == null) {
                return null;
            }
            LocalDate today;
            try {
                today = now.atZone(ZoneId.of(zone)).toLocalDate();
            } catch (DateTimeException e) {
                return null;
            }
            return new Window(today.minusDays(WINDOW_DAYS - 1L), today);
        }
    }

    /**
     * A scalar SQL subquery: the median consultation length in seconds of the doctor {@code doctor} (an SQL
     * expression) of clinic {@code clinic}, over the visits of local days {@code from} to {@code to} (SQL
     * parameters), or null under {@value #MIN_SAMPLES} of them. Served by {@code visit_doctor_completed} (V10).
     */
    public static String medianConsultationSeconds(String clinic, String doctor, String from, String to) {
        return "(select percentile_cont(0.5) within group"
                + " (order by extract(epoch from m.completed_at - m.started_at))"
                + " from visit m where m.clinic_id = " + clinic + " and m.assigned_doctor_id = " + doctor
                + " and m.status = 'completed' and m.visit_day between " + from + " and " + to
                + " and m.started_at is not null and m.completed_at >= m.started_at"
                + " having count(*) >= " + MIN_SAMPLES + ")";
    }

    /** Minutes until the last of {@code waiting} patients is seen, rounded up; null when the median is unknown. */
    public static Integer minutes(long waiting, Number medianSeconds) {
        if (medianSeconds == null) {
            return null;
        }
        // a product of exact seconds never rounds up for a float's last bit
        return (int) Math.ceil(waiting * medianSeconds.doubleValue() / 60.0 - 1e-9);
    }
}
