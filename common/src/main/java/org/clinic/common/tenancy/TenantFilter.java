package org.clinic.common.tenancy;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.clinic.common.error.Forbidden;
import org.clinic.common.error.NotFound;
import org.clinic.common.error.Unauthenticated;
import org.clinic.common.ops.Traces;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveResourceInfo;

/**
 * The tenant rule ({@link ClinicAccess}, the gateway's too), applied to every resource of every service without
 * opting in: under {@code /api/v1/clinics/{clinic_id}/} the caller must be authenticated and the token's
 * {@code clinic_id} claim must equal the path's (a superuser may act in any clinic), else 401/403 before the
 * resource runs. A {@code display} device may read only the queue board (API.md §7). Resources marked {@link PermitAll} (login, refresh) do
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
        if (ClinicPath.isClinicPath(path) && ClinicPath.clinicId(path).isEmpty()) {
            // before the token is looked at, as at the gateway
            return Uni.createFrom().failure(new NotFound(ClinicAccess.NOT_FOUND));
        }
        return identities
                .getDeferredIdentity()
                .invoke(identity -> apply(identity, request.getMethod(), path))
                .replaceWithVoid();
    }

    private void apply(SecurityIdentity identity, String method, String path) {
        JsonWebToken token = identity.isAnonymous()
                ? null
                : identity.getPrincipal() instanceof JsonWebToken verified ? verified : null;
        if (OnBehalf.isOnBehalf(token) && !OnBehalf.allows(method, path, token)) {
            throw new Forbidden("This token is good only for the call it was made for.");
        }
        Claims.Read claims = token == null ? null : Claims.of(token);
        ClinicAccess.Decision decision = ClinicAccess.decide(
                path,
                claims == null ? null : new ClinicAccess.Claimed(claims.userId(), claims.role(), claims.clinicId()));
        if (decision instanceof ClinicAccess.Refused refused) {
            throw switch (refused.status()) {
                case 401 -> new Unauthenticated(refused.message());
                case 403 -> new Forbidden(refused.message());
                default -> new NotFound(refused.message());
            };
        }
        if (claims == null) {
            return;
        }
        Long clinicId = ((ClinicAccess.Allowed) decision).clinicId();
        Long userId = claims.userId();
        tenant.resolve(
                clinicId,
                userId,
                claims.role(),
                claims.name(),
                java.time.Instant.ofEpochSecond(token.getExpirationTime()));
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
