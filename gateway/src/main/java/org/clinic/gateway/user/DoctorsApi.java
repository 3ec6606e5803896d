package org.clinic.gateway.user;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * doctors-service, told to re-read a renamed user into their profile, with a token of the user who renamed them
 * (minted for the call by {@link DoctorNameRelay}, which may run long after their request).
 */
@RegisterRestClient(configKey = "doctors")
@Path("/api/v1/clinics/{clinic_id}/doctors/refresh-user")
public interface DoctorsApi {

    record RefreshUser(long user) {}

    @POST
    @Path("/")
    Uni<Void> refreshUser(
            @PathParam("clinic_id") long clinicId,
            @HeaderParam("Authorization") String authorization,
            RefreshUser user);
}
