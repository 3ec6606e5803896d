package org.clinic.gateway.edge;

import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.clinic.gateway.config.GatewayConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Who the client is (issue 26), for the anonymous rate limit and the {@code X-Forwarded-For} a service receives: the
 * connection's peer, unless that peer is one of the operator's trusted proxies ({@code CLINIC_EDGE_TRUSTED_PROXIES},
 * addresses or CIDRs). Behind a trusted proxy it is the right-most address of {@code X-Forwarded-For} that is not
 * itself a trusted proxy: a proxy appends the peer it saw, so everything to the left of that may be the client's own
 * invention. With no trusted proxies the header is never read.
 *
 * <p>Matching is Netty's ({@link IpSubnetFilterRule}); an entry is read only as an IP literal, never resolved.
 */
@Singleton
public class ClientAddresses {

    static final String HEADER = "X-Forwarded-For";

    private final List<IpSubnetFilterRule> trusted;

    @Inject
    public ClientAddresses(
            GatewayConfig config,
            @ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding", defaultValue = "false")
                    boolean quarkusForwarding) {
        this(config.edge().trustedProxies().orElse(List.of()));
        if (quarkusForwarding) {
            // Quarkus would replace the peer with the left-most forwarded address, which a client controls
            throw new IllegalStateException("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING must stay off at the gateway:"
                    + " list the load balancer's addresses in CLINIC_EDGE_TRUSTED_PROXIES instead");
        }
    }

    ClientAddresses(List<String> trustedProxies) {
        List<IpSubnetFilterRule> rules = new ArrayList<>();
        for (String entry : trustedProxies) {
            String proxy = entry.strip();
            if (!proxy.isEmpty()) {
                rules.add(rule(proxy));
            }
        }
        this.trusted = List.copyOf(rules);
    }

    /** Whether any proxy is trusted at all, i.e. whether {@code X-Forwarded-For} is ever read. */
    public boolean forwarding() {
        return !trusted.isEmpty();
    }

    /** The client's address of this request, in canonical form ({@code "unknown"} without a peer). */
    public String of(HttpServerRequest request) {
        SocketAddress peer = request.remoteAddress();
        if (peer == null || peer.hostAddress() == null) {
            return "unknown";
        }
        return resolve(peer.hostAddress(), request.headers().getAll(HEADER));
    }

    /**
     * The client behind {@code peer}, given the {@code X-Forwarded-For} header lines in the order received: the peer if
     * it is not trusted; else, walking the header from the right, the first address that is not a trusted proxy. If
     * every hop is trusted, the left-most; an entry that is not an IP literal ends the walk at the last address a
     * trusted proxy vouched for.
     */
    String resolve(String peer, List<String> forwardedFor) {
        InetAddress client = literal(peer);
        if (client == null) {
            return peer;
        }
        if (!trusted(client)) {
            return NetUtil.toAddressString(client);
        }
        List<String> hops = new ArrayList<>();
        for (String line : forwardedFor) {
            for (String hop : line.split(",", -1)) {
                hops.add(hop);
            }
        }
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                break;
            }
            client = hop;
            if (!trusted(hop)) {
                break;
            }
        }
        return NetUtil.toAddressString(client);
    }

    private boolean trusted(InetAddress address) {
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        for (IpSubnetFilterRule rule : trusted) {
            if (rule.matches(socket)) {
                return true;
            }
        }
        return false;
    }

    /** An IP literal, with an optional port ({@code 192.0.2.1:443}, {@code [2001:db8::1]:443}); else null. */
    static InetAddress literal(String text) {
        String address = text.strip();
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            if (end < 0) {
                return null;
            }
            address = address.substring(1, end);
        } else if (address.indexOf(':') == address.lastIndexOf(':') && address.indexOf(':') > 0) {
            address = address.substring(0, address.indexOf(':'));
        }
        return address.isEmpty() ? null : NetUtil.createInetAddressFromIpAddressString(address);
    }

    private static IpSubnetFilterRule rule(String proxy) {
        int slash = proxy.indexOf('/');
        String address = slash < 0 ? proxy : proxy.substring(0, slash);
        InetAddress parsed = NetUtil.createInetAddressFromIpAddressString(address);
        if (parsed == null) {
            throw new IllegalArgumentException(
                    "clinic.edge.trusted-proxies: '" + proxy + "' is not an IP address or CIDR");
        }
        int bits = parsed.getAddress().length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(proxy.substring(slash + 1));
        } catch (NumberFormatException e) {
            prefix = -1;
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException(
                    "clinic.edge.trusted-proxies: '" + proxy + "' has no valid prefix length (0 to " + bits + ")");
        }
        return new IpSubnetFilterRule(parsed, prefix, IpFilterRuleType.ACCEPT);
    }
}
