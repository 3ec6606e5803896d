package org.clinic.gateway.reports;

import java.time.LocalDate;
import java.util.List;

/** What each service's {@code stats/} read answers (their JSON, as the gateway reads it). */
final class Figures {

    private Figures() {}

    record Patients(long totalPatients, long activePatients, long registered) {}

    record Visits(LocalDate date, VisitTotals visits, List<DoctorVisits> doctors) {}

    /** The medians are absent (null) from a doctors-service older than API.md §8's dashboard figures, too. */
    record VisitTotals(
            long total,
            long completed,
            long cancelled,
            long noShow,
            long waitingNow,
            Double medianWaitSeconds,
            Double medianConsultationSeconds) {}

    record DoctorVisits(long doctor, String userName, long queueCount, long visits, long completed) {}

    record Consultations(long consultations, long prescriptions, List<DoctorRecords> byDoctor) {}

    record DoctorRecords(long doctor, long consultations, long prescriptions) {}
}
