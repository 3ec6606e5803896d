package org.clinic.gateway.edge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.clinic.common.web.HttpEdge;
import org.clinic.gateway.config.GatewayConfig;

/**
 * How many requests of one clinic this replica has in progress at once (issue 26): at most
 * {@code clinic.routing.max-in-flight-per-clinic}, from admission until the answer is sent, across every forwarded
 * route ({@link ServiceProxy}) and the gateway's own routes that wait on the services or stream ({@link OwnRoutesBulkhead}; event streams have their
 * own cap, {@link EventStreams}). Hourly limits bound how much a clinic asks; this
 * bounds how much of a replica's connections to the services and their pools one clinic can hold at a time, so a
 * clinic sending many slow or parallel requests waits on itself, not the others. A superuser's requests are the
 * operator's and not counted here. Per replica and in memory: what it protects is this replica's.
 */
@Singleton
public class ClinicBulkhead {

    /** The request's place, given back once, whichever way the request ends. */
    private static final String LEAVE = "clinic.bulkhead.leave";

    private static final long CHECK_HELD_MILLIS = 5000;

    private final int limit;
    private final ConcurrentHashMap<Long, Integer> inFlight = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final Counter refused;
    private final Counter expired;

    @Inject
    public ClinicBulkhead(GatewayConfig config, MeterRegistry registry) {
        this(config.routing().maxInFlightPerClinic(), registry);
    }

    ClinicBulkhead(int limit, MeterRegistry registry) {
        this.limit = limit;
        this.refused = Counter.builder("gateway.clinic.in.flight.refused")
                .description("Requests refused (429) because their clinic had its most requests in progress")
                .register(registry);
        this.expired = Counter.builder("gateway.clinic.in.flight.expired")
                .description("Places given back because their request's end was never seen (should stay 0)")
                .register(registry);
        Gauge.builder("gateway.clinic.in.flight", total, AtomicInteger::get)
                .description(
                        "Requests of clinics in progress at this replica, forwarded or the gateway's own that wait on the services")
                .register(registry);
    }

    public int limit() {
        return limit;
    }

    /** Takes a place for one request of {@code clinicId}; false (and nothing taken) when the clinic has none left. */
    public boolean enter(long clinicId) {
        boolean[] taken = {false};
        // compute is atomic per key: a place is never taken twice, nor lost to a leave removing the entry meanwhile
        inFlight.compute(clinicId, (id, count) -> {
            int now = count == null ? 0 : count;
            if (now >= limit) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        if (taken[0]) {
            total.incrementAndGet();
        } else {
            refused.increment();
        }
        return taken[0];
    }

    /** Gives back a place {@link #enter} took (once per successful enter). */
    public void leave(long clinicId) {
        total.decrementAndGet();
        // the entry goes with its clinic's last request, so the map holds only clinics with requests in progress
        inFlight.computeIfPresent(clinicId, (id, count) -> count <= 1 ? null : count - 1);
    }

    /**
     * Takes a place of {@code clinicId} for the life of {@code ctx}'s request; false (and nothing taken) when the
     * clinic has none left. The place is given back once, whichever way the request ends: its response ended or its
     * connection closed (end handlers), {@link #release} by the caller, or a look every few seconds. A client that
     * hangs up at the wrong moment can end a request without Vert.x calling its end handlers (seen in ClientGoneTest:
     * neither the access log nor this fired for 1 of 100 hang-ups), so a held place is given back once the look finds
     * its response closed or ended, or after {@code maxHoldMillis} (the longest such a request can last);
     * gateway_clinic_in_flight_expired_total counts those.
     */
    public boolean hold(Vertx vertx, RoutingContext ctx, long clinicId, long maxHoldMillis) {
        if (!enter(clinicId)) {
            return false;
        }
        AtomicBoolean left = new AtomicBoolean();
        AtomicLong expiry = new AtomicLong(-1);
        Runnable leave = () -> {
            if (left.compareAndSet(false, true)) {
                vertx.cancelTimer(expiry.get());
                leave(clinicId);
            }
        };
        long heldSince = System.nanoTime();
        expiry.set(vertx.setPeriodic(CHECK_HELD_MILLIS, id -> {
            if (left.get()) {
                vertx.cancelTimer(id);
            } else if (ctx.response().closed()
                    || ctx.response().ended()
                    || System.nanoTime() - heldSince > TimeUnit.MILLISECONDS.toNanos(maxHoldMillis)) {
                expired();
                leave.run();
            }
        }));
        ctx.addEndHandler(done -> leave.run());
        ctx.put(LEAVE, leave);
        if (ctx.response().closed() || ctx.response().ended()) {
            // the client went away before this ran: the close has been and gone, its end handlers with it
            leave.run();
        }
        return true;
    }

    /** Gives back the place {@code ctx}'s request holds ({@link #hold}), if it holds one: it will not go further. */
    public static void release(RoutingContext ctx) {
        Runnable leave = ctx.get(LEAVE);
        if (leave != null) {
            leave.run();
        }
    }

    /** The answer to a request {@link #hold} found no place for: 429, retry after a second. */
    public static void refuse(RoutingContext ctx, int limit) {
        ctx.response().putHeader("Retry-After", "1");
        HttpEdge.writeError(
                ctx,
                429,
                "Too many requests at once: this clinic already has " + limit
                        + " requests in progress here. Retry after 1 second.");
    }

    /** A place is about to be given back by its expiry, not by its request's end. */
    public void expired() {
        expired.increment();
    }

    /** Requests of {@code clinicId} in progress now. */
    int inFlight(long clinicId) {
        return inFlight.getOrDefault(clinicId, 0);
    }
}
