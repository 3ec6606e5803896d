package org.clinic.consultations.prescription;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.List;
import org.clinic.common.persistence.TenantScopedRepository;
import org.clinic.common.persistence.Where;
import org.clinic.common.tenancy.TenantContext;

/** A clinic's prescriptions and their medicines. */
final class PrescriptionRepositories {

    private PrescriptionRepositories() {}

    @Singleton
    static class Prescriptions extends TenantScopedRepository<Prescription> {
        Prescriptions(TenantContext tenant) {
            super(Prescription.class, tenant);
        }
    }

    @Singleton
    static class Medicines extends TenantScopedRepository<Medicine> {
        Medicines(TenantContext tenant) {
            super(Medicine.class, tenant);
        }

        /** The medicines of all the given prescriptions in one query (a page costs one, not one each). */
        Uni<List<Medicine>> of(List<Long> prescriptionIds) {
            if (prescriptionIds.isEmpty()) {
                return Uni.createFrom().item(List.of());
            }
            return list(Where.of("prescriptionId in :ids", "ids", prescriptionIds), "prescriptionId, position");
        }

        Uni<Integer> removeOf(long prescriptionId) {
            return delete(Where.of("prescriptionId = :id", "id", prescriptionId));
        }
    }
}
