package org.clinic.gateway.edge;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.clinic.common.tenancy.ClinicPath;

/**
 * The clinic bulkhead ({@link ClinicBulkhead}) on the gateway's own clinic routes as on the forwarded ones: users,
 * clinics, reports, the audit list, exports and their downloads. A report or the audit list waits on the services for
 * each of its parts and a download streams for as long as its client reads, so without it one clinic could hold this
 * replica's memory and its clients' connections to the services with as many at once as it liked, while its hourly
 * limits still had room. Counted in the same places as the clinic's forwarded requests. Not counted: a superuser's
 * (the operator's, as for forwarded requests), the gateway's calls to itself on a user's behalf (the download that
 * makes them holds its place; counted, they could find the clinic full and fail it), and a request that admission
 * refuses anyway.
 */
@ApplicationScoped
public class OwnRoutesBulkhead {

    /** After the rate limits ({@link RateLimitFilter#PRIORITY}): a request over its hourly limit takes no place. */
    static final int PRIORITY = RateLimitFilter.PRIORITY - 10;

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
        ctx.next();
    }
}
