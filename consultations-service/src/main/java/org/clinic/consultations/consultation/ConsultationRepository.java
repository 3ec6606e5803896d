package org.clinic.consultations.consultation;

import jakarta.inject.Singleton;
import org.clinic.common.persistence.TenantScopedRepository;
import org.clinic.common.tenancy.TenantContext;

/** A clinic's consultations. */
@Singleton
public class ConsultationRepository extends TenantScopedRepository<Consultation> {

    ConsultationRepository(TenantContext tenant) {
        super(Consultation.class, tenant);
    }
}
