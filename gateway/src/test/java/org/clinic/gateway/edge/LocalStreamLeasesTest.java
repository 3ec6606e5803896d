package org.clinic.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The replica's own count of stream leases, which decides while Redis does not answer: it starts from the leases this
 * replica took through Redis, so a Redis timeout in a burst of opens cannot let a clinic past its cap.
 */
class LocalStreamLeasesTest {

    @Test
    void leasesTakenThroughRedisCountWhenThisReplicaHasToCountAlone() {
        LocalRateLimits local = new LocalRateLimits();
        local.hold("c7", "a");
        local.hold("c7", "b");
        assertFalse(local.lease("c7", "c", 2), "two held through Redis fill a cap of two");
        assertTrue(local.lease("c7", "a", 2), "a held lease is renewed");
        assertTrue(local.lease("c8", "c", 2), "another clinic's count is its own");
        local.unlease("c7", "a");
        assertTrue(local.lease("c7", "c", 2), "a released lease frees its place");
        assertFalse(local.lease("c7", "d", 2));
    }
}
