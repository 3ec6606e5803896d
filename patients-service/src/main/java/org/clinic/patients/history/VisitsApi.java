package org.clinic.patients.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.clinic.common.client.CallerHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** doctors-service's visits API, read with the caller's token for a patient's history. */
@RegisterRestClient(configKey = "doctors")
@RegisterClientHeaders(CallerHeaders.class)
@Path("/api/v1/clinics/{clinic_id}/visits")
public interface VisitsApi {

    record Pagination(long count) {}

    /** Items are kept as doctors-service wrote them, so a last visit passes through unchanged. */
    record VisitPage(List<JsonNode> data, Pagination pagination) {}

    /** Newest first: the first item is the patient's last visit. */
    @GET
    @Path("/")
    Uni<VisitPage> ofPatient(
            @PathParam("clinic_id") long clinicId,
            @QueryParam("patient") long patientId,
            @QueryParam("page_size") int pageSize);
}
