package org.clinic.consultations.counts;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.web.Envelope;
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

    private final Counts counts;

    RecordCountsResource(Counts counts) {
        this.counts = counts;
    }

    @GET
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR})
    @Operation(summary = "Count a patient's prescriptions and test reports (internal)")
    public Uni<Envelope<Counts.RecordCounts>> getPatientRecordCounts(@PathParam("id") long patientId) {
        return counts.ofPatient(patientId).map(found -> Envelope.ok("Record counts retrieved successfully", found));
    }
}
