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

    /** How a call ended: told, worth trying again later, or refused for good (the profile or the right to it gone). */
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
            // the acting user was found active just before the call: a 401 is more likely a key or clock the service
            // has not caught up with than a user who may not act, so it is tried again (and alerts while it lasts)
            boolean forGood = status == 400 || status == 403 || status == 404 || status == 410 || status == 422;
            String reason = "doctors-service answered " + status;
            return forGood ? new Told.Never(reason) : new Told.Later(reason);
        }
        return new Told.Later(failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }
}
