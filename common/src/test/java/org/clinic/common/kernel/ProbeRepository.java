package org.clinic.common.kernel;

import jakarta.inject.Singleton;
import org.clinic.common.persistence.TenantScopedRepository;
import org.clinic.common.tenancy.TenantContext;

@Singleton
class ProbeRepository extends TenantScopedRepository<Probe> {

    ProbeRepository(TenantContext tenant) {
        super(Probe.class, tenant);
    }
}
