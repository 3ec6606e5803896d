package org.clinic.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The client-address rule of issue 26 alone, without a server (the gateway's tests: TrustedProxyTest). */
class ClientAddressesTest {

    private final ClientAddresses behindIngress =
            new ClientAddresses(List.of("10.10.0.0/20", " 192.0.2.1 ", "fd00::/8"));
    private final ClientAddresses direct = new ClientAddresses(List.of());

    @Test
    void withoutTrustedProxiesTheHeaderIsNeverRead() {
        assertFalse(direct.forwarding());
        assertEquals("10.10.0.5", direct.resolve("10.10.0.5", List.of("203.0.113.7")));
        assertEquals("198.51.100.1", direct.resolve("198.51.100.1", List.of("203.0.113.7")));
    }

    @Test
    void anUntrustedPeerIsTheClientWhateverItForwards() {
        assertTrue(behindIngress.forwarding());
        assertEquals("198.51.100.1", behindIngress.resolve("198.51.100.1", List.of("203.0.113.7")));
        assertEquals("198.51.100.1", behindIngress.resolve("198.51.100.1", List.of("10.10.0.9")));
    }

    @Test
    void behindATrustedProxyTheRightMostUntrustedAddressIsTheClient() {
        // the client wrote the left-most entry itself; the ingress appended the peer it saw
        assertEquals("203.0.113.7", behindIngress.resolve("10.10.0.5", List.of("6.6.6.6, 203.0.113.7")));
        // a chain of trusted proxies is walked through
        assertEquals("203.0.113.7", behindIngress.resolve("10.10.0.5", List.of("6.6.6.6, 203.0.113.7, 192.0.2.1")));
        // several header lines are one list, in the order received
        assertEquals("203.0.113.7", behindIngress.resolve("10.10.0.5", List.of("6.6.6.6", "203.0.113.7, 10.10.1.1")));
        // no header: the proxy itself is the client
        assertEquals("10.10.0.5", behindIngress.resolve("10.10.0.5", List.of()));
        // every hop trusted: the left-most
        assertEquals("10.10.2.2", behindIngress.resolve("10.10.0.5", List.of("10.10.2.2, 10.10.3.3")));
    }

    @Test
    void entriesAreReadAsIpLiteralsOnlyAndCanonicalised() {
        // garbage where the proxy's entry should be: the last address a trusted proxy vouched for
        assertEquals("10.10.0.5", behindIngress.resolve("10.10.0.5", List.of("203.0.113.7, evil.example")));
        assertEquals("10.10.0.5", behindIngress.resolve("10.10.0.5", List.of("203.0.113.7, ")));
        // ports and brackets are not part of the address; IPv6 in one spelling
        assertEquals("203.0.113.7", behindIngress.resolve("10.10.0.5", List.of("203.0.113.7:5100")));
        assertEquals("2001:db8::1", behindIngress.resolve("10.10.0.5", List.of("[2001:DB8:0::1]:443")));
        assertEquals("2001:db8::1", behindIngress.resolve("fd00::3", List.of("2001:db8:0:0:0:0:0:1")));
    }

    @Test
    void aTrustedProxyThatIsNotAnAddressOrCidrIsRefused() {
        for (String proxy : List.of("ingress.local", "10.0.0.0/33", "10.0.0.0/x", "::/129")) {
            assertThrows(IllegalArgumentException.class, () -> new ClientAddresses(List.of(proxy)), proxy);
        }
    }
}
