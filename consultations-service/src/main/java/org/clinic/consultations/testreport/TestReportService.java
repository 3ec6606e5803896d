package org.clinic.consultations.testreport;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.util.function.UnaryOperator;
import org.clinic.common.audit.AuditWriter;
import org.clinic.common.audit.ChangeSet;
import org.clinic.common.error.InvalidRequest;
import org.clinic.common.pagination.Page;
import org.clinic.common.pagination.PageRequest;
import org.clinic.common.persistence.ClinicTransactions;
import org.clinic.common.persistence.Where;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.common.web.Etags;
import org.clinic.consultations.directory.PatientsApi;
import org.clinic.consultations.directory.PatientsClient;

/** Test reports (API.md §3): written by doctors, admins and superusers; deleted (softly) by admins. */
@ApplicationScoped
public class TestReportService {

    static final String NOT_FOUND = "Test report not found.";

    private final TestReportRepository reports;
    private final PatientsClient patients;
    private final AuditWriter audit;
    private final TenantContext tenant;

    private final ClinicTransactions transactions;
    private final Clock clock;

    public TestReportService(
            TestReportRepository reports,
            PatientsClient patients,
            AuditWriter audit,
            TenantContext tenant,
            ClinicTransactions transactions,
            Clock clock) {
        this.clock = clock;

        this.transactions = transactions;
        this.reports = reports;
        this.patients = patients;
        this.audit = audit;
        this.tenant = tenant;
    }

    public Uni<Page<TestReport>> list(PageRequest page, Long patient) {
        return transactions.run(() -> reports.page(
                Where.all().andIf(patient, "patientId = :patient", "patient"), "createdAt desc, id desc", page));
    }

    public Uni<TestReport> get(long id) {
        return transactions.run(() -> reports.findOwnedOrThrow(id, NOT_FOUND));
    }

    /** The report's patient, read from patients-service before the transaction opens. */
    public Uni<PatientsApi.Patient> patientFor(TestReportRequest request) {
        if (request.patient() == null) {
            throw InvalidRequest.field("patient", "This field is required.");
        }
        return patients.patient(request.patient());
    }

    public Uni<TestReport> create(TestReportRequest request, PatientsApi.Patient patient) {
        return transactions.run(() -> {
            TestReport report = new TestReport();
            report.patientId = patient.id();
            report.createdBy = tenant.userId();
            report.createdAt = clock.instant();
            report.updatedAt = report.createdAt;
            ChangeSet changes = apply(report, request, true);
            return reports.persist(report)
                    .call(reports::flush)
                    .call(r -> audit.record("create", "test_report", r.id, changes.fields()));
        });
    }

    public Uni<TestReport> update(long id, UnaryOperator<TestReportRequest> edit, String ifMatch) {
        return transactions.run(() -> reports.findOwnedOrThrow(id, NOT_FOUND).chain(report -> {
            Etags.requireMatch(ifMatch, report.version);
            ChangeSet changes = apply(report, edit.apply(TestReportRequest.of(report)), false);
            return audit.changed(
                    report, changes, () -> report.updatedAt = clock.instant(), "update", "test_report", id);
        }));
    }

    /** Soft delete: gone from the API, kept for retention and audit. */
    public Uni<Void> delete(long id) {
        return transactions.run(() -> reports.findOwnedOrThrow(id, NOT_FOUND).chain(report -> {
            return audit.deleted(report, () -> report.deletedAt = clock.instant(), "test_report", id)
                    .replaceWithVoid();
        }));
    }

    private ChangeSet apply(TestReport t, TestReportRequest r, boolean creating) {
        return new ChangeSet()
                .set("test_name", t.testName, r.testName().trim(), v -> t.testName = v)
                .set("result", t.result, orEmpty(r.result()), v -> t.result = v)
                .set("unit", t.unit, orEmpty(r.unit()), v -> t.unit = v)
                .set("reference_range", t.referenceRange, orEmpty(r.referenceRange()), v -> t.referenceRange = v)
                .set(
                        "report_date",
                        t.reportDate,
                        r.reportDate() == null ? (creating ? LocalDate.now(clock) : t.reportDate) : r.reportDate(),
                        v -> t.reportDate = v)
                .set(
                        "status",
                        creating ? null : t.status,
                        r.status() == null ? (creating ? "pending" : t.status) : r.status(),
                        v -> t.status = v);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.trim();
    }
}
