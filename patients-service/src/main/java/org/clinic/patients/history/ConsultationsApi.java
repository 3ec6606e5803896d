package org.clinic.patients.history;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.clinic.common.client.CallerHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * consultations-service's count of a patient's records, whoever asks (docs/api-notes.md,
 * "Record counts"): {@code GET /api/v1/clinics/{c}/patients/{id}/record-counts/}.
 */
@RegisterRestClient(configKey = "consultations")
@RegisterClientHeaders(CallerHeaders.class)
@Path("/api/v1/clinics/{clinic_id}/patients/{id}/record-counts")
public interface ConsultationsApi {

    record Counts(Long prescriptions, Long testReports) {}

    record CountsEnvelope(Counts data) {}

    @GET
    @Path("/")
    Uni<CountsEnvelope> counts(@PathParam("clinic_id") long clinicId, @PathParam("id") long patientId);
}
