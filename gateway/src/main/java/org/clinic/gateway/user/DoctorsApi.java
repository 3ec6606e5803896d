package org.clinic.gateway.user;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.clinic.common.client.CallerHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** doctors-service, told (with the caller's token) to re-read a renamed user into their profile. */
@RegisterRestClient(configKey = "doctors")
@RegisterClientHeaders(CallerHeaders.class)
@Path("/api/v1/clinics/{clinic_id}/doctors/refresh-user")
public interface DoctorsApi {

    record RefreshUser(long user) {}

    @POST
    @Path("/")
    Uni<Void> refreshUser(@PathParam("clinic_id") long clinicId, RefreshUser user);
}
