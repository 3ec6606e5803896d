package org.clinic.gateway.edge;

import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.clinic.common.web.HttpEdge;
import org.clinic.gateway.auth.AccountStatus;
import org.clinic.gateway.config.GatewayConfig;

/**
 * The event streams of API.md §7 as the gateway holds them: at most {@code maxStreamsPerUser} open per user across
 * replicas (a lease in the rate-limit store; the next is a 429), and while one is open its user's and clinic's
 * status is checked every {@code streamAccountCheck}: a deactivated one's stream is cut (the account status cache's
 * lifetime plus that interval: within 60 s by default). On SIGTERM every open stream is cut, so none holds up the
 * wait for requests in flight.
 */
@ApplicationScoped
public class EventStreams {

    /** How long an event stream opened while this replica shuts down stays open. */
    private static final Duration DRAINING_STREAM = Duration.ofSeconds(1);

    private final GatewayConfig.Routing config;
    private final AccountStatus accounts;
    private final RateLimits limits;
    private final Vertx vertx;
    /** Open event streams on this replica, each with how to cut it (on its own context). */
    private final Map<RoutingContext, Runnable> open = new ConcurrentHashMap<>();

    private volatile boolean draining;

    public EventStreams(GatewayConfig config, AccountStatus accounts, RateLimits limits, Vertx vertx) {
        this.config = config.routing();
        this.accounts = accounts;
        this.limits = limits;
        this.vertx = vertx;
    }

    /** Opens the stream {@code forward} sends on, once the caller holds a lease; else answers 429 (or 503/500). */
    void open(RoutingContext ctx, Caller caller, Runnable forward) {
        Context context = Vertx.currentContext();
        long userId = caller.userId();
        String lease = UUID.randomUUID().toString();
        int max = config.maxStreamsPerUser();
        // a lease outlives a few missed renewals, and lapses on its own if this replica dies
        Duration ttl = config.streamAccountCheck().multipliedBy(3);
        limits.leaseStream(userId, lease, max, ttl)
                .subscribe()
                .with(
                        admitted -> context.runOnContext(v -> {
                            if (!admitted) {
                                ctx.response().putHeader("Retry-After", "30");
                                HttpEdge.writeError(
                                        ctx,
                                        429,
                                        "Too many open event streams: a user may hold " + max
                                                + " at a time. Close one and retry.");
                                return;
                            }
                            if (ctx.response().closed()) {
                                // the client left during the checks: nothing will ever end this stream, so its
                                // lease is given back now (held, it would count against the user until it lapsed,
                                // and its renewal would keep it from lapsing)
                                limits.releaseStream(userId, lease).subscribe().with(done -> {}, failure -> {});
                                return;
                            }
                            hold(ctx, caller, lease, ttl);
                            forward.run();
                        }),
                        failure -> context.runOnContext(v -> ServiceProxy.refuse(ctx, failure)));
    }

    private void hold(RoutingContext ctx, Caller caller, String lease, Duration ttl) {
        Context context = Vertx.currentContext();
        long userId = caller.userId();
        AtomicBoolean released = new AtomicBoolean();
        long check = vertx.setPeriodic(config.streamAccountCheck().toMillis(), id -> {
            limits.leaseStream(userId, lease, config.maxStreamsPerUser(), ttl)
                    .subscribe()
                    .with(renewed -> {}, failure -> {});
            accounts.status(userId)
                    .subscribe()
                    .with(
                            status -> {
                                if (!status.allows(caller.role())) {
                                    context.runOnContext(
                                            v -> ctx.request().connection().close());
                                }
                            },
                            failure -> {
                                // unknown for now: the next check decides
                            });
        });
        Runnable cut =
                () -> context.runOnContext(v -> ctx.request().connection().close());
        open.put(ctx, cut);
        long drainingCut = draining ? vertx.setTimer(DRAINING_STREAM.toMillis(), id -> cut.run()) : -1;
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                open.remove(ctx);
                vertx.cancelTimer(check);
                if (drainingCut >= 0) {
                    vertx.cancelTimer(drainingCut);
                }
                limits.releaseStream(userId, lease).subscribe().with(done -> {}, failure -> {});
            }
        };
        ctx.addEndHandler(done -> release.run());
        ctx.response().closeHandler(closed -> release.run());
    }

    /**
     * SIGTERM: readiness is down from now on, so the open event streams are cut (clients reconnect with Last-Event-ID,
     * to another replica once the load balancer has noticed), and one opened meanwhile is cut soon after.
     */
    void drain(@Observes ShutdownDelayInitiatedEvent event) {
        draining = true;
        List.copyOf(open.values()).forEach(Runnable::run);
    }
}
