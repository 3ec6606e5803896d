package org.clinic.consultations.directory;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.clinic.common.client.CallerHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** doctors-service: the caller's own profile and visits, with the caller's token. */
@RegisterRestClient(configKey = "doctors")
@RegisterClientHeaders(CallerHeaders.class)
@Path("/api/v1/clinics/{clinic_id}")
public interface DoctorsApi {

    record Doctor(long id, long user, String userName, boolean isActive) {}

    record DoctorEnvelope(Doctor data) {}

    record Visit(long id, long patient, Long assignedDoctor, String status) {}

    record VisitEnvelope(Visit data) {}

    record Transition(String status) {}

    @GET
    @Path("/doctors/me/")
    Uni<DoctorEnvelope> me(@PathParam("clinic_id") long clinicId);

    @GET
    @Path("/visits/{id}/")
    Uni<VisitEnvelope> visit(@PathParam("clinic_id") long clinicId, @PathParam("id") long visitId);

    @POST
    @Path("/visits/{id}/transition/")
    Uni<VisitEnvelope> transition(
            @PathParam("clinic_id") long clinicId, @PathParam("id") long visitId, Transition transition);
}
