package org.clinic.consultations.testreport;

import jakarta.inject.Singleton;
import org.clinic.common.persistence.TenantScopedRepository;
import org.clinic.common.tenancy.TenantContext;

/** A clinic's live test reports (deleted ones are left out of every statement). */
@Singleton
public class TestReportRepository extends TenantScopedRepository<TestReport> {

    TestReportRepository(TenantContext tenant) {
        super(TestReport.class, tenant);
    }

    @Override
    protected String alwaysWhere() {
        return "deletedAt is null";
    }
}
