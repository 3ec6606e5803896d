package org.clinic.gateway.user;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * doctors-service, told that a doctor's user was renamed, so their profile re-reads the name. The call is safe to
 * repeat (the profile re-reads the current name) and its timeouts are the client's (application.properties).
 */
@ApplicationScoped
public class DoctorsClient {

    /** How a call ended: told, worth trying again later, or refused for good (the acting user may no longer act). */
    public sealed interface Told {
        record Done() implements Told {}

        record Later(String reason) implements Told {}

        record Never(String reason) implements Told {}
    }

    private final DoctorsApi doctors;

    public DoctorsClient(@RestClient DoctorsApi doctors) {
        this.doctors = doctors;
    }

    public Uni<Told> userRenamed(long clinicId, long userId, String token) {
        return doctors.refreshUser(clinicId, "Bearer " + token, new DoctorsApi.RefreshUser(userId))
                .<Told>map(ignored -> new Told.Done())
                .onFailure()
                .recoverWithItem(DoctorsClient::outcome);
    }

    private static Told outcome(Throwable failure) {
        if (failure instanceof WebApplicationException refused) {
            int status = refused.getResponse().getStatus();
            boolean forGood = status >= 400 && status < 500 && status != 408 && status != 409 && status != 429;
            String reason = "doctors-service answered " + status;
            return forGood ? new Told.Never(reason) : new Told.Later(reason);
        }
        return new Told.Later(failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }
}
