package org.clinic.gateway.edge;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;
import org.clinic.common.tenancy.ClinicPath;

/**
 * The clinic bulkhead ({@link ClinicBulkhead}) on the gateway's own routes that wait on the services or stream, as on
 * the forwarded ones: the dashboard and the daily report (a call to every service each), the audit list (every
 * service's part) and exports with their downloads (a download streams for as long as its client reads). Without it one
 * clinic could hold this replica's memory and its clients' connections to the services with as many at once as it
 * liked, while its hourly limits still had room. Counted in the same places as the clinic's forwarded requests.
 *
 * <p>Not counted: the gateway's single-row reads (users, the clinic, tokens), which doctors-service also makes back
 * to the gateway with the caller's token while the caller's forwarded request holds its place (counted, a clinic at
 * its limit would fail its own doctor writes and check-ins with a 503); a superuser's requests (the operator's, as
 * for forwarded ones); the gateway's calls to itself on a user's behalf (the download that makes them holds its
 * place); and a request that admission refuses anyway.
 */
@ApplicationScoped
public class OwnRoutesBulkhead {

    /** After the rate limits ({@link RateLimitFilter#PRIORITY}): a request over its hourly limit takes no place. */
    static final int PRIORITY = RateLimitFilter.PRIORITY - 10;

    /** The families under {@code /api/v1/clinics/{id}/} whose requests take a place. */
    static final Set<String> COUNTED = Set.of("analytics", "reports", "audit-events", "exports");

    private final ClinicBulkhead bulkhead;
    private Vertx vertx;

    public OwnRoutesBulkhead(ClinicBulkhead bulkhead) {
        this.bulkhead = bulkhead;
    }

    void register(@Observes Filters filters, Vertx vertx) {
        this.vertx = vertx;
        filters.register(this::hold, PRIORITY);
    }

    private void hold(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        Caller caller = Caller.of(ctx);
        if (!caller.authenticated()
                || caller.superuser()
                || caller.onBehalf()
                || !ClinicPath.isClinicPath(path)
                || !counted(path)
                // a forwarded route: ServiceProxy holds its place
                || Routes.match(ctx.request().method().name(), path).isPresent()
                || !(Admission.decide(path, caller) instanceof Admission.Admitted admitted)
                || admitted.clinicId() == null) {
            ctx.next();
            return;
        }
        // no longest hold: a download lasts as long as its client reads; the look every few seconds still gives the
        // place back once the response is closed or ended
        if (!bulkhead.hold(vertx, ctx, admitted.clinicId(), Long.MAX_VALUE)) {
            ClinicBulkhead.refuse(ctx, bulkhead.limit());
            return;
        }
        if (ctx.response().closed()) {
            // the client went away before this ran: its place is already back, and nothing is left to answer
            return;
        }
        ctx.next();
    }

    /** Whether {@code path} (a clinic path) is of a family whose requests take a place ({@link #COUNTED}). */
    static boolean counted(String path) {
        // "", "api", "v1", "clinics", the clinic, the family, the rest
        String[] parts = path.split("/", 7);
        return parts.length > 5 && COUNTED.contains(parts[5]);
    }
}
