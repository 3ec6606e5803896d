package org.clinic.consultations.counts;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import org.clinic.common.persistence.ClinicTransactions;
import org.clinic.common.persistence.Where;
import org.clinic.consultations.consultation.ConsultationRepository;
import org.clinic.consultations.consultation.ConsultationRepository.DayCounts;
import org.clinic.consultations.prescription.PrescriptionCounts;
import org.clinic.consultations.testreport.TestReportRepository;

/**
 * This service's counts, each in one clinic transaction: a patient's records for their medical history (whoever
 * asks: no own-only filter) and a day's consultations for the gateway's reports.
 */
@ApplicationScoped
public class Counts {

    /** All of a patient's prescriptions and test reports in the clinic. */
    public record RecordCounts(long prescriptions, long testReports) {}

    /** A day's totals and each doctor's share. */
    public record DayStats(long consultations, long prescriptions, List<DayCounts> byDoctor) {}

    private final PrescriptionCounts prescriptions;
    private final TestReportRepository reports;
    private final ConsultationRepository consultations;
    private final ClinicTransactions transactions;

    Counts(
            PrescriptionCounts prescriptions,
            TestReportRepository reports,
            ConsultationRepository consultations,
            ClinicTransactions transactions) {
        this.prescriptions = prescriptions;
        this.reports = reports;
        this.consultations = consultations;
        this.transactions = transactions;
    }

    public Uni<RecordCounts> ofPatient(long patientId) {
        return transactions.run(() -> prescriptions.ofPatient(patientId).chain(p -> reports.count(
                        Where.of("patientId = :patient", "patient", patientId))
                .map(t -> new RecordCounts(p, t))));
    }

    /** Consultations and prescriptions made in {@code [from, to)}, the clinic's local day as instants. */
    public Uni<DayStats> ofDay(Instant from, Instant to) {
        return transactions
                .run(() -> consultations.dayCounts(from, to))
                .map(rows -> new DayStats(
                        rows.stream().mapToLong(DayCounts::consultations).sum(),
                        rows.stream().mapToLong(DayCounts::prescriptions).sum(),
                        rows));
    }
}
