package org.clinic.gateway.reports;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.clinic.common.client.CallerHeaders;
import org.clinic.common.web.Envelope;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;

/** The services' small aggregate reads, called in parallel with the caller's token and request id. */
final class StatsApis {

    private StatsApis() {}

    @Path("/api/v1/clinics/{clinic_id}/stats/patients/")
    @RegisterClientHeaders(CallerHeaders.class)
    interface PatientsApi {
        @GET
        Uni<Envelope<Figures.Patients>> stats(
                @PathParam("clinic_id") long clinicId, @QueryParam("from") String from, @QueryParam("to") String to);
    }

    @Path("/api/v1/clinics/{clinic_id}/stats/visits/")
    @RegisterClientHeaders(CallerHeaders.class)
    interface VisitsApi {
        @GET
        Uni<Envelope<Figures.Visits>> stats(@PathParam("clinic_id") long clinicId, @QueryParam("date") String date);
    }

    @Path("/api/v1/clinics/{clinic_id}/stats/consultations/")
    @RegisterClientHeaders(CallerHeaders.class)
    interface ConsultationsApi {
        @GET
        Uni<Envelope<Figures.Consultations>> stats(
                @PathParam("clinic_id") long clinicId, @QueryParam("from") String from, @QueryParam("to") String to);
    }
}
