package org.clinic.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The bulkhead's counting alone: exact under threads racing to enter and leave. */
class ClinicBulkheadUnitTest {

    @Test
    void placesArePerClinicAndComeBack() {
        ClinicBulkhead bulkhead = new ClinicBulkhead(2, new SimpleMeterRegistry());
        assertTrue(bulkhead.enter(1));
        assertTrue(bulkhead.enter(1));
        assertFalse(bulkhead.enter(1));
        assertTrue(bulkhead.enter(2));
        bulkhead.leave(1);
        assertTrue(bulkhead.enter(1));
        bulkhead.leave(1);
        bulkhead.leave(1);
        bulkhead.leave(2);
        assertEquals(0, bulkhead.inFlight(1));
        assertEquals(0, bulkhead.inFlight(2));
    }

    @Test
    void racingThreadsNeverHoldMoreThanTheLimitNorLoseAPlace() throws Exception {
        int limit = 3;
        ClinicBulkhead bulkhead = new ClinicBulkhead(limit, new SimpleMeterRegistry());
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < 8; t++) {
            pool.submit(() -> {
                go.await();
                for (int i = 0; i < 20_000; i++) {
                    if (bulkhead.enter(7)) {
                        most.accumulateAndGet(holding.incrementAndGet(), Math::max);
                        holding.decrementAndGet();
                        bulkhead.leave(7);
                    }
                }
                return null;
            });
        }
        go.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        assertTrue(most.get() <= limit, "at most " + limit + " at once, saw " + most.get());
        assertEquals(0, bulkhead.inFlight(7), "every place given back");
        for (int i = 0; i < limit; i++) {
            assertTrue(bulkhead.enter(7));
        }
        assertFalse(bulkhead.enter(7));
    }
}
