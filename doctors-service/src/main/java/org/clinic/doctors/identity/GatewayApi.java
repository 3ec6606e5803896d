package org.clinic.doctors.identity;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.clinic.common.client.CallerHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** The part of the gateway's public API this service reads, called with the caller's token. */
@RegisterRestClient(configKey = "gateway")
@RegisterClientHeaders(CallerHeaders.class)
@Path("/api/v1/clinics/{clinic_id}")
public interface GatewayApi {

    /** Only what this service needs of a user. */
    record User(
            long id, Long clinicId, String username, String firstName, String lastName, String role, boolean isActive) {

        /** "First Last", or the username when the user has no name. */
        public String displayName() {
            String full = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
            return full.isEmpty() ? username : full;
        }
    }

    record UserEnvelope(User data) {}

    /** Only what this service needs of a clinic. */
    record Clinic(long id, String timezone) {}

    record ClinicEnvelope(Clinic data) {}

    @GET
    @Path("/")
    Uni<ClinicEnvelope> clinic(@PathParam("clinic_id") long clinicId);

    @GET
    @Path("/users/{id}/")
    Uni<UserEnvelope> user(@PathParam("clinic_id") long clinicId, @PathParam("id") long userId);
}
