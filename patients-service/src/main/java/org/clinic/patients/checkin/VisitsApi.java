package org.clinic.patients.checkin;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import org.clinic.common.client.CallerHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** doctors-service's visits API, called with the caller's token. */
@RegisterRestClient(configKey = "doctors")
@RegisterClientHeaders(CallerHeaders.class)
@Path("/api/v1/clinics/{clinic_id}/visits")
public interface VisitsApi {

    record NewVisit(long patient, Long doctor, String purpose) {}

    record Visit(
            long id,
            int tokenNumber,
            Long assignedDoctor,
            String status,
            String purpose,
            Instant checkInDate,
            Instant startedAt,
            Instant completedAt,
            Long queuePosition) {}

    record VisitEnvelope(Visit data) {}

    record Pagination(long count) {}

    /** Items are kept as doctors-service wrote them, so a last visit passes through unchanged. */
    record VisitPage(List<JsonNode> data, Pagination pagination) {}

    @POST
    @Path("/")
    Uni<VisitEnvelope> create(
            @PathParam("clinic_id") long clinicId,
            @HeaderParam("Idempotency-Key") String idempotencyKey,
            NewVisit visit);

    /** Newest first: the first item is the patient's last visit. */
    @GET
    @Path("/")
    Uni<VisitPage> ofPatient(
            @PathParam("clinic_id") long clinicId,
            @QueryParam("patient") long patientId,
            @QueryParam("page_size") int pageSize);
}
