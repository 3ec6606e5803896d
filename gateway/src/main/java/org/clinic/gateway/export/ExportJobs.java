package org.clinic.gateway.export;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.util.Map;
import org.clinic.common.persistence.TenantScopedRepository;
import org.clinic.common.tenancy.TenantContext;

/** A clinic's exports (row-level security and the repository's clinic condition both apply). */
@Singleton
class ExportJobs extends TenantScopedRepository<ExportJob> {

    ExportJobs(TenantContext tenant) {
        super(ExportJob.class, tenant);
    }

    /** Runs {@code enqueue} (it names {@code :clinicId}); the new export's id, or null when it added none. */
    Uni<Long> enqueue(String enqueue, Map<String, Object> values) {
        return nativeRows(enqueue, values).map(rows -> rows.isEmpty() ? null : ((Number) rows.get(0)[0]).longValue());
    }
}
