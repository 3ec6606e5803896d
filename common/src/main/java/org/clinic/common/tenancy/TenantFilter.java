package org.clinic.common.tenancy;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import java.util.OptionalLong;
import org.clinic.common.error.ErrorMappers;
import org.clinic.common.error.Forbidden;
import org.clinic.common.error.NotFound;
import org.clinic.common.error.Unauthenticated;
import org.clinic.common.ops.Traces;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;

/**
 * The tenant rule, applied to every resource of every service without opting in: under
 * {@code /api/v1/clinics/{clinic_id}/} the caller must be authenticated and the token's
 * {@code clinic_id} claim must equal the path's (a superuser may act in any clinic), else
 * 401/403 before the resource runs. A {@code display} device may read only the queue board
 * (API.md §7). Resources marked {@link PermitAll} (login, refresh) do
 * their own checks; put it on the method (class-level {@code PermitAll} is not looked at).
 */
public class TenantFilter {

    private final CurrentIdentityAssociation identities;
    private final TenantContext tenant;

    public TenantFilter(CurrentIdentityAssociation identities, TenantContext tenant) {
        this.identities = identities;
        this.tenant = tenant;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 10)
    public Uni<Void> resolveTenant(ContainerRequestContext request, ResourceInfo resource) {
        if (isPermitAll(resource)) {
            return Uni.createFrom().voidItem();
        }
        String path = request.getUriInfo().getPath();
        boolean clinicPath = ClinicPath.isClinicPath(path);
        OptionalLong pathClinic = ClinicPath.clinicId(path);
        if (clinicPath && pathClinic.isEmpty()) {
            return Uni.createFrom().failure(new NotFound("Not found."));
        }
        return identities
                .getDeferredIdentity()
                .invoke(identity -> apply(identity, path, clinicPath, pathClinic))
                .replaceWithVoid();
    }

    private void apply(SecurityIdentity identity, String path, boolean clinicPath, OptionalLong pathClinic) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            if (clinicPath) {
                throw new Unauthenticated(ErrorMappers.UNAUTHENTICATED);
            }
            return;
        }
        Claims.Read claims = Claims.of(token);
        Long userId = claims.userId();
        String role = claims.role();
        Long tokenClinic = claims.clinicId();
        Long clinicId = tokenClinic;
        if (clinicPath) {
            if (Roles.DISPLAY.equals(role) && !ClinicPath.isDisplayPath(path)) {
                throw new Forbidden("A display device may only read the queue board.");
            }
            long requested = pathClinic.getAsLong();
            boolean superuser = Roles.SUPERUSER.equals(role);
            if (!superuser && (tokenClinic == null || tokenClinic != requested)) {
                throw new Forbidden("You do not have access to this clinic.");
            }
            clinicId = requested;
        } else if (Roles.SUPERUSER.equals(role)) {
            clinicId = null;
        }
        tenant.resolve(
                clinicId, userId, role, claims.name(), java.time.Instant.ofEpochSecond(token.getExpirationTime()));
        if (clinicId != null) {
            MDC.put("clinic_id", String.valueOf(clinicId));
            Traces.clinic(clinicId);
        }
        if (userId != null) {
            MDC.put("user_id", String.valueOf(userId));
        }
    }

    private static boolean isPermitAll(ResourceInfo resource) {
        if (resource instanceof ResteasyReactiveResourceInfo info) {
            for (var annotation : info.getAnnotations()) {
                if (annotation.annotationType() == PermitAll.class) {
                    return true;
                }
            }
        }
        return false;
    }
}
