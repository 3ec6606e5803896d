package org.clinic.consultations.counts;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.clinic.common.persistence.ClinicTransactions;
import org.clinic.common.persistence.Where;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.web.Envelope;
import org.clinic.consultations.prescription.PrescriptionCounts;
import org.clinic.consultations.testreport.TestReportRepository;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.jboss.resteasy.reactive.server.Cancellable;

/**
 * {@code patients/{id}/record-counts/}: all of a patient's prescriptions and test reports in the
 * clinic, whoever asks (medical history's counts, docs/api-notes.md "Record counts"); the roles
 * that may read medical history.
 */
@Cancellable(false)
@Path("/api/v1/clinics/{clinic_id}/patients/{id}/record-counts")
public class RecordCountsResource {

    public record RecordCounts(long prescriptions, long testReports) {}

    private final PrescriptionCounts prescriptions;
    private final TestReportRepository reports;

    private final ClinicTransactions transactions;

    RecordCountsResource(
            PrescriptionCounts prescriptions, TestReportRepository reports, ClinicTransactions transactions) {

        this.transactions = transactions;
        this.prescriptions = prescriptions;
        this.reports = reports;
    }

    @GET
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR})
    @Operation(summary = "Count a patient's prescriptions and test reports (internal)")
    public Uni<Envelope<RecordCounts>> getPatientRecordCounts(@PathParam("id") long patientId) {
        return transactions
                .run(() -> prescriptions.ofPatient(patientId).chain(p -> reports.count(
                                Where.of("patientId = :patient", "patient", patientId))
                        .map(t -> new RecordCounts(p, t))))
                .map(counts -> Envelope.ok("Record counts retrieved successfully", counts));
    }
}
