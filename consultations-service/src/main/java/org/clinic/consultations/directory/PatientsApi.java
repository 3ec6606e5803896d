package org.clinic.consultations.directory;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.clinic.common.client.CallerHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** patients-service, read with the caller's token. */
@RegisterRestClient(configKey = "patients")
@RegisterClientHeaders(CallerHeaders.class)
@Path("/api/v1/clinics/{clinic_id}/patients")
public interface PatientsApi {

    record Patient(long id, String patientName, String status) {}

    record PatientEnvelope(Patient data) {}

    @GET
    @Path("/{id}/")
    Uni<PatientEnvelope> patient(@PathParam("clinic_id") long clinicId, @PathParam("id") long patientId);
}
