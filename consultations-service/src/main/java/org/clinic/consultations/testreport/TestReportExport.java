package org.clinic.consultations.testreport;

import jakarta.inject.Singleton;
import org.clinic.common.export.RepositoryExport;

/**
 * The clinic's live test reports in its export (API.md §9), each as {@code GET test-reports/{id}/} answers it
 * (deleted ones left out, as there).
 */
@Singleton
class TestReportExport extends RepositoryExport<TestReport> {

    TestReportExport(TestReportRepository reports) {
        super("test_reports", reports, record -> record.id, TestReportResponse::of);
    }
}
