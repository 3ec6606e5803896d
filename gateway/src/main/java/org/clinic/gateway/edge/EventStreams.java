package org.clinic.gateway.edge;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
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
 * The event streams of API.md §7 as the gateway holds them: at most {@code maxStreamsPerUser} open per user and
 * {@code maxStreamsPerClinic} per clinic across replicas (leases in the rate-limit store; the next is a 429), and while one is open its user's and clinic's
 * status is checked every {@code streamAccountCheck}: a deactivated one's stream is cut (the account status cache's
 * lifetime plus that interval: within 60 s by default). On SIGTERM every open stream is cut, so none holds up the
 * wait for requests in flight.
 */
@ApplicationScoped
public class EventStreams {

    /** How long an event stream opened while this replica shuts down stays open. */
    private static final Duration DRAINING_STREAM = Duration.ofSeconds(1);

    private static final String RETRY_AFTER_SECONDS = "30";

    private final GatewayConfig.Routing config;
    private final AccountStatus accounts;
    private final RateLimits limits;
    private final Vertx vertx;
    /** Open event streams on this replica, each with how to cut it (on its own context). */
    private final Map<RoutingContext, Runnable> open = new ConcurrentHashMap<>();

    private volatile boolean draining;

    private final Gauge gauge;
    private final MeterRegistry registry;

    public EventStreams(
            GatewayConfig config, AccountStatus accounts, RateLimits limits, Vertx vertx, MeterRegistry registry) {
        this.config = config.routing();
        this.accounts = accounts;
        this.limits = limits;
        this.vertx = vertx;
        this.gauge = Gauge.builder("gateway.streams.open", open, Map::size)
                .description("Event streams this replica holds open")
                .register(registry);
        this.registry = registry;
    }

    void close(@Observes ShutdownEvent event) {
        // a registry that outlives this instance (a test JVM's next start) must not keep reading its map
        registry.remove(gauge);
    }

    /** Which cap refused a stream. */
    private enum Refusal {
        NONE,
        USER,
        CLINIC
    }

    /**
     * Opens the stream {@code forward} sends on, in clinic {@code clinicId}, once the caller holds a lease as a user and
     * one in the clinic; else answers 429 (or 503/500 when the store can't be asked and the install fails closed).
     */
    void open(RoutingContext ctx, Caller caller, long clinicId, Runnable forward) {
        Context context = Vertx.currentContext();
        Holders holders = new Holders(
                "u" + caller.userId(), "c" + clinicId, UUID.randomUUID().toString());
        // a lease outlives a few missed renewals, and lapses on its own if this replica dies
        Duration ttl = config.streamAccountCheck().multipliedBy(3);
        take(holders, ttl)
                .subscribe()
                .with(
                        refusal -> context.runOnContext(v -> {
                            if (refusal != Refusal.NONE) {
                                refuse(ctx, refusal);
                                return;
                            }
                            if (ctx.response().closed()) {
                                // the client left during the checks: nothing will ever end this stream, so its
                                // leases are given back now (held, they would count against the user and the clinic
                                // until they lapsed, and their renewal would keep them from lapsing)
                                holders.release(limits);
                                return;
                            }
                            hold(ctx, caller, holders, ttl);
                            forward.run();
                        }),
                        failure -> context.runOnContext(v -> ServiceProxy.refuse(ctx, failure)));
    }

    /** The user's lease, then the clinic's; a user admitted by their own cap but not the clinic's gives theirs back. */
    private Uni<Refusal> take(Holders holders, Duration ttl) {
        return limits.leaseStream(holders.user(), holders.lease(), config.maxStreamsPerUser(), ttl)
                .flatMap(user -> !user
                        ? Uni.createFrom().item(Refusal.USER)
                        : limits.leaseStream(holders.clinic(), holders.lease(), config.maxStreamsPerClinic(), ttl)
                                .flatMap(clinic -> clinic
                                        ? Uni.createFrom().item(Refusal.NONE)
                                        : limits.releaseStream(holders.user(), holders.lease())
                                                .replaceWith(Refusal.CLINIC)));
    }

    private void refuse(RoutingContext ctx, Refusal refusal) {
        ctx.response().putHeader("Retry-After", RETRY_AFTER_SECONDS);
        HttpEdge.writeError(
                ctx,
                429,
                refusal == Refusal.USER
                        ? "Too many open event streams: a user may hold " + config.maxStreamsPerUser()
                                + " at a time. Close one and retry."
                        : "Too many open event streams in this clinic: it may hold " + config.maxStreamsPerClinic()
                                + " at a time. Close one and retry.");
    }

    /** One open stream's leases: the same lease id in its user's set and in its clinic's. */
    private record Holders(String user, String clinic, String lease) {

        void renew(RateLimits limits, int maxUser, int maxClinic, Duration ttl) {
            limits.leaseStream(user, lease, maxUser, ttl).subscribe().with(renewed -> {}, failure -> {});
            limits.leaseStream(clinic, lease, maxClinic, ttl).subscribe().with(renewed -> {}, failure -> {});
        }

        void release(RateLimits limits) {
            limits.releaseStream(user, lease).subscribe().with(done -> {}, failure -> {});
            limits.releaseStream(clinic, lease).subscribe().with(done -> {}, failure -> {});
        }
    }

    private void hold(RoutingContext ctx, Caller caller, Holders holders, Duration ttl) {
        Context context = Vertx.currentContext();
        long userId = caller.userId();
        AtomicBoolean released = new AtomicBoolean();
        long check = vertx.setPeriodic(config.streamAccountCheck().toMillis(), id -> {
            holders.renew(limits, config.maxStreamsPerUser(), config.maxStreamsPerClinic(), ttl);
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
                holders.release(limits);
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
