package org.clinic.gateway.edge;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clinic.common.tenancy.ClinicPath;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.common.web.HttpEdge;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * API.md §3 "Audit": every read a superuser makes inside a clinic is recorded as {@code read_phi},
 * before the read is answered: for the routes the gateway forwards ({@link ServiceProxy} calls
 * {@link #record}) and for its own (the filter below). Writes are audited by whoever makes the
 * change, as the change's own event. The event names the kind of record read and its id when
 * the path has one ({@code patients/42/medical_history/} → patient 42), else the clinic.
 */
@ApplicationScoped
public class SuperuserReads {

    private static final Pattern RESOURCE = Pattern.compile("^/api/v1/clinics/(\\d+)/([a-z_-]+)(?:/(\\d+))?(?:/.*)?$");
    private static final Map<String, String> TYPES = Map.of(
            "patients", "patient",
            "doctors", "doctor",
            "visits", "visit",
            "queue-board", "visit",
            "consultations", "consultation",
            "prescriptions", "prescription",
            "test-reports", "test_report",
            "users", "user");

    private final Pool pool;
    private final TenantContext tenant;

    public SuperuserReads(Pool pool, TenantContext tenant) {
        this.pool = pool;
        this.tenant = tenant;
    }

    /** The gateway's own clinic routes (clinic details, users, reports, audit): after the account checks. */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 30)
    public Uni<Void> ownRoutes(ContainerRequestContext request) {
        if (!tenant.isSuperuser()
                || !"GET".equals(request.getMethod())
                || !ClinicPath.isClinicPath(request.getUriInfo().getPath())) {
            return Uni.createFrom().voidItem();
        }
        Object requestId = MDC.get("request_id");
        return record(
                tenant.clinicId(),
                tenant.userId(),
                request.getUriInfo().getPath(),
                requestId == null ? null : requestId.toString());
    }

    /** One {@code read_phi} event in the gateway's audit table. */
    public Uni<Void> record(long clinicId, long superuserId, String path, String requestId) {
        String type = "clinic";
        Long id = clinicId;
        Matcher m = RESOURCE.matcher(path);
        if (m.matches() && TYPES.containsKey(m.group(2))) {
            type = TYPES.get(m.group(2));
            id = m.group(3) == null ? null : Long.valueOf(m.group(3));
        }
        String resourceType = type;
        Long resourceId = id;
        // one transaction that tells the database the event's clinic (row-level security checks it on insert)
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT set_config('app.clinic_id', $1, true)")
                .execute(Tuple.of(Long.toString(clinicId)))
                .chain(() -> connection
                        .preparedQuery(
                                "INSERT INTO audit_event (clinic_id, actor_id, actor_role, action, resource_type,"
                                        + " resource_id, request_id, at) VALUES ($1, $2, 'superuser', 'read_phi', $3, $4, $5, now())")
                        .execute(Tuple.of(clinicId, superuserId, resourceType, resourceId, requestId)))
                .replaceWithVoid());
    }

    static String requestIdOf(io.vertx.ext.web.RoutingContext ctx) {
        return ctx.get(HttpEdge.REQUEST_ID);
    }
}
