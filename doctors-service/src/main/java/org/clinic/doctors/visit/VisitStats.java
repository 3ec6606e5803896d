package org.clinic.doctors.visit;

import java.time.LocalDate;
import java.util.List;

/** Visits' figures for the gateway's dashboard and daily report (API.md §3 "Analytics and reports"). */
public record VisitStats(LocalDate date, Totals visits, List<ByDoctor> doctors) {

    /**
     * Of the day: all, completed, cancelled, no-show; {@code waitingNow}: checked in and not yet seen, now; the
     * medians of the day's visits in seconds (API.md §8): check-in to {@code started_at} of those started, and
     * {@code started_at} to {@code completed_at} of those completed; null when none counts.
     */
    public record Totals(
            long total,
            long completed,
            long cancelled,
            long noShow,
            long waitingNow,
            Double medianWaitSeconds,
            Double medianConsultationSeconds) {}

    /** A doctor profile: its queue now, its visits of the day and how many of those are completed. */
    public record ByDoctor(long doctor, String userName, long queueCount, long visits, long completed) {}
}
