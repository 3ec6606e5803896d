package org.clinic.common.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;

/**
 * Base of every entity that holds a clinic's data. The clinic is set by
 * {@link TenantScopedRepository#persist} from the request's tenant, never by feature code.
 */
@MappedSuperclass
public abstract class ClinicOwned {

    @Column(name = "clinic_id", updatable = false)
    protected Long clinicId;

    public Long getClinicId() {
        return clinicId;
    }

    void assignClinic(long clinicId) {
        this.clinicId = clinicId;
    }
}
