package org.clinic.gateway.user;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * doctors-service, told with the caller's token that a doctor's user was renamed, so their profile re-reads the name.
 * Best effort: a failure (down, slow past the client's timeouts in application.properties, refused) is logged and
 * the profile catches up at its next write.
 */
@ApplicationScoped
public class DoctorsClient {

    private static final Logger LOG = Logger.getLogger(DoctorsClient.class);

    private final DoctorsApi doctors;

    public DoctorsClient(@RestClient DoctorsApi doctors) {
        this.doctors = doctors;
    }

    public Uni<Void> userRenamed(long clinicId, long userId) {
        return doctors.refreshUser(clinicId, new DoctorsApi.RefreshUser(userId))
                .onFailure()
                .invoke(e ->
                        LOG.warnf("doctors-service was not told of the rename of user %d: %s", userId, e.toString()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }
}
