package org.clinic.doctors.identity;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.clinic.common.error.ErrorMappers;
import org.clinic.common.error.Forbidden;
import org.clinic.common.error.InvalidRequest;
import org.clinic.common.error.ServiceUnavailable;
import org.clinic.common.error.Unauthenticated;
import org.clinic.common.tenancy.Roles;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Asks the gateway who a user is, with the caller's token, so the gateway applies the caller's
 * clinic and role. A gateway that is down or slow is a 503, never a 500 or a hang.
 */
@ApplicationScoped
public class UsersClient {

    private static final Logger LOG = Logger.getLogger(UsersClient.class);
    static final String NOT_A_DOCTOR = "must be an active user of this clinic with role doctor";

    private final GatewayApi gateway;

    public UsersClient(@RestClient GatewayApi gateway) {
        this.gateway = gateway;
    }

    /** The user, when it is an active doctor of {@code clinicId}; otherwise a 400 naming {@code user}. */
    public Uni<GatewayApi.User> activeDoctor(long clinicId, long userId) {
        return gateway.user(clinicId, userId)
                .onFailure()
                .transform(UsersClient::translate)
                .map(envelope -> {
                    GatewayApi.User user = envelope.data();
                    if (user == null
                            || !user.isActive()
                            || !Roles.DOCTOR.equals(user.role())
                            || user.clinicId() == null
                            || user.clinicId() != clinicId) {
                        throw InvalidRequest.field("user", NOT_A_DOCTOR);
                    }
                    return user;
                });
    }

    /** Any user of {@code clinicId}, whatever their role; absent → 404. */
    public Uni<GatewayApi.User> user(long clinicId, long userId) {
        return gateway.user(clinicId, userId)
                .map(GatewayApi.UserEnvelope::data)
                .onFailure()
                .transform(failure -> org.clinic.common.client.Downstream.translate(failure, "identity service"));
    }

    private static Throwable translate(Throwable failure) {
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            return switch (status) {
                case 404 -> InvalidRequest.field("user", NOT_A_DOCTOR);
                case 401 -> new Unauthenticated(ErrorMappers.UNAUTHENTICATED);
                case 403 -> new Forbidden("You do not have permission to perform this action.");
                default -> unavailable(failure);
            };
        }
        if (failure instanceof InvalidRequest || failure instanceof ServiceUnavailable) {
            return failure;
        }
        return unavailable(failure);
    }

    private static Throwable unavailable(Throwable failure) {
        LOG.warnf("the gateway's users API failed: %s", failure.toString());
        return new ServiceUnavailable("The identity service is unavailable; try again shortly.");
    }
}
