package org.clinic.gateway.edge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.clinic.gateway.config.GatewayConfig;

/**
 * How many requests of one clinic this replica has in progress at once (issue 26): at most
 * {@code clinic.routing.max-in-flight-per-clinic}, from admission until the answer is sent, across every forwarded
 * route (event streams have their own cap, {@link EventStreams}). Hourly limits bound how much a clinic asks; this
 * bounds how much of a replica's connections to the services and their pools one clinic can hold at a time, so a
 * clinic sending many slow or parallel requests waits on itself, not the others. A superuser's requests are the
 * operator's and not counted here. Per replica and in memory: what it protects is this replica's.
 */
@Singleton
public class ClinicBulkhead {

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
                .description("Requests of clinics in progress at this replica, forwarded or being admitted")
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

    /** A place is about to be given back by its expiry, not by its request's end. */
    public void expired() {
        expired.increment();
    }

    /** Requests of {@code clinicId} in progress now. */
    int inFlight(long clinicId) {
        return inFlight.getOrDefault(clinicId, 0);
    }
}
