package org.clinic.gateway.edge;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.clinic.common.error.ErrorMappers;
import org.clinic.common.error.NotFound;
import org.clinic.common.error.Unauthenticated;
import org.clinic.common.tenancy.ClinicAccess;
import org.clinic.common.tenancy.ClinicPath;
import org.clinic.common.tenancy.OnBehalf;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.gateway.auth.AccountStatus;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Who may go on, at the gateway: first the clinic-access rule every service applies too ({@link ClinicAccess}: a
 * verified token, the path's clinic its own unless a superuser's, a display device on the board only), then what only
 * the database knows (API.md §2): the token's holder still active with the token's role (else 401), a superuser's
 * clinic existing (else 404), and a superuser's read inside a clinic audited as {@code read_phi} before it is
 * answered (no event, no read). One decision for the routes the gateway forwards ({@link ServiceProxy}) and for its
 * own (the filter below, after the services' common tenant filter has resolved the caller).
 */
@ApplicationScoped
public class Admission {

    /** What admission decided. */
    public sealed interface Result permits Admitted, Refused {}

    /** Go on, in {@code clinicId} (null off clinic paths for a superuser, or without a token). */
    public record Admitted(Long clinicId) implements Result {}

    /**
     * Answer {@code status} with {@code message}; {@code challenge}: no usable credentials were sent at all, so the
     * answer names the scheme ({@code WWW-Authenticate: Bearer}).
     */
    public record Refused(int status, String message, boolean challenge) implements Result {}

    static final String CLINIC_NOT_FOUND = "Clinic not found.";

    private final AccountStatus accounts;
    private final SuperuserReads reads;
    private final TenantContext tenant;
    private final JsonWebToken token;

    public Admission(AccountStatus accounts, SuperuserReads reads, TenantContext tenant, JsonWebToken token) {
        this.accounts = accounts;
        this.reads = reads;
        this.tenant = tenant;
        this.token = token;
    }

    /** The rule that needs no database: {@link ClinicAccess} over the edge's verified caller. */
    public static Result decide(String path, Caller caller) {
        ClinicAccess.Decision decision = ClinicAccess.decide(
                path,
                caller.authenticated()
                        ? new ClinicAccess.Claimed(caller.userId(), caller.role(), caller.clinicId())
                        : null);
        if (decision instanceof ClinicAccess.Refused refused) {
            return new Refused(refused.status(), refused.message(), refused.status() == 401);
        }
        return new Admitted(((ClinicAccess.Allowed) decision).clinicId());
    }

    /**
     * Whether a request of {@code method} reads (API.md §3 Audit: a superuser's read in a clinic is a {@code read_phi}):
     * a GET, and a HEAD, which reads a record's existence, {@code ETag} and {@code Content-Length}.
     */
    public static boolean reads(String method) {
        return "GET".equals(method) || "HEAD".equals(method);
    }

    /**
     * What only the database knows, for a caller {@link #decide} admitted: {@code clinicId} is the path's clinic (null
     * off clinic paths), {@code read} whether the request reads (a superuser's is audited).
     */
    public Uni<Result> confirm(
            long userId, String role, boolean superuser, Long clinicId, boolean read, String path, String requestId) {
        return accounts.status(userId).chain(status -> {
            if (!status.allows(role)) {
                return Uni.createFrom().item(new Refused(401, ErrorMappers.UNAUTHENTICATED, false));
            }
            if (!superuser || clinicId == null) {
                return Uni.createFrom().item(new Admitted(clinicId));
            }
            return accounts.clinic(clinicId).chain(clinic -> {
                if (clinic.isEmpty()) {
                    return Uni.createFrom().item(new Refused(404, CLINIC_NOT_FOUND, false));
                }
                if (!read) {
                    return Uni.createFrom().item(new Admitted(clinicId));
                }
                return reads.record(clinicId, userId, path, requestId).replaceWith(new Admitted(clinicId));
            });
        });
    }

    /** The gateway's own resources: after the tenant filter ({@code AUTHENTICATION + 10}) has resolved the caller. */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 20)
    public Uni<Void> ownRoutes(ContainerRequestContext request) {
        Long userId = tenant.userId();
        if (userId == null) {
            return Uni.createFrom().voidItem();
        }
        String path = request.getUriInfo().getPath();
        Long clinicId = ClinicPath.isClinicPath(path) ? tenant.clinicId() : null;
        Object requestId = MDC.get("request_id");
        return confirm(
                        userId,
                        tenant.role(),
                        tenant.isSuperuser(),
                        clinicId,
                        // a call the gateway makes itself on a user's behalf (an export's piece) is no read of theirs:
                        // the download it serves wrote its own read_phi
                        reads(request.getMethod()) && !OnBehalf.isOnBehalf(token),
                        path,
                        requestId == null ? null : requestId.toString())
                .invoke(result -> {
                    if (result instanceof Refused refused) {
                        throw refused.status() == 404
                                ? new NotFound(refused.message())
                                : new Unauthenticated(refused.message());
                    }
                })
                .replaceWithVoid();
    }
}
