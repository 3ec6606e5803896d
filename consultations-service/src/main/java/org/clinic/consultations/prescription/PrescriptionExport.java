package org.clinic.consultations.prescription;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.clinic.common.export.ExportRow;
import org.clinic.common.export.ExportSource;
import org.clinic.common.persistence.Where;

/**
 * The clinic's prescriptions, every doctor's (an admin's export: no "own only"), in its export (API.md §9), each with
 * its medicines as {@code GET prescriptions/{id}/} answers it; the medicines of a whole page in one query.
 * {@code since}: written or changed since (a creation sets {@code updated_at}, and so does a change of the medicines).
 */
@Singleton
class PrescriptionExport implements ExportSource {

    private final PrescriptionRepositories.Prescriptions prescriptions;
    private final PrescriptionRepositories.Medicines medicines;

    PrescriptionExport(
            PrescriptionRepositories.Prescriptions prescriptions, PrescriptionRepositories.Medicines medicines) {
        this.prescriptions = prescriptions;
        this.medicines = medicines;
    }

    @Override
    public String resource() {
        return "prescriptions";
    }

    @Override
    public Uni<List<ExportRow>> after(long afterId, Instant since, int limit) {
        Where where = Where.all().andIf(since, "updatedAt >= :since", "since");
        return prescriptions.after(afterId, where, limit).chain(page -> medicines
                .of(page.stream().map(p -> p.id).toList())
                .map(all -> {
                    Map<Long, List<Medicine>> byPrescription =
                            all.stream().collect(Collectors.groupingBy(m -> m.prescriptionId));
                    return page.stream()
                            .map(p -> new ExportRow(
                                    p.id, PrescriptionResponse.of(p, byPrescription.getOrDefault(p.id, List.of()))))
                            .toList();
                }));
    }
}
