package org.clinic.gateway.edge;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.clinic.common.ops.Traces;
import org.clinic.common.tenancy.ClinicPath;
import org.clinic.common.web.HttpEdge;
import org.clinic.gateway.config.GatewayConfig;
import org.clinic.gateway.edge.Routes.Service;

/**
 * Forwards the clinic routes each service owns ({@link Routes}) with vertx-http-proxy: the request and response bodies
 * stream through, over keep-alive pools to each service. Nothing reaches a service before {@link Admission} has let
 * the caller through as the services themselves would (defence in depth: they check again); an event stream is held
 * by {@link EventStreams}.
 *
 * <p>Spoofable headers from outside ({@code Forwarded}, {@code X-Forwarded-*}, {@code X-Real-IP},
 * anything {@code X-Clinic-*}) are dropped and the gateway's own set; hop-by-hop headers are
 * dropped by the library. A service that refuses the connection, or is silent for
 * {@code clinic.routing.idle-timeout}, is a 503 in the envelope.
 */
@ApplicationScoped
public class ServiceProxy {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ServiceProxy.class);
    private static final String UNAVAILABLE = "Service temporarily unavailable. Please retry shortly.";

    private final GatewayConfig.Routing config;
    private final Admission admission;
    private final EventStreams streams;
    private final MeterRegistry registry;
    private final ClientAddresses addresses;
    private final ClinicBulkhead bulkhead;
    private Vertx vertx;
    private long maxHoldMillis;
    /** Per service, one proxy (and pool) for requests and one for event streams: a request never waits behind streams. */
    private final Map<Service, HttpProxy> proxies = new EnumMap<>(Service.class);

    private final Map<Service, HttpProxy> streamProxies = new EnumMap<>(Service.class);
    private final List<HttpClient> clients = new ArrayList<>();
    private final List<Gauge> gauges = new ArrayList<>();

    public ServiceProxy(
            GatewayConfig config,
            Admission admission,
            EventStreams streams,
            MeterRegistry registry,
            ClientAddresses addresses,
            ClinicBulkhead bulkhead) {
        this.addresses = addresses;
        this.bulkhead = bulkhead;
        this.config = config.routing();
        this.admission = admission;
        this.streams = streams;
        this.registry = registry;
    }

    void routes(@Observes Router router, Vertx vertx) {
        this.vertx = vertx;
        this.maxHoldMillis =
                config.poolWait().toMillis() + 2 * config.idleTimeout().toMillis();
        Map<Service, URI> urls = Map.of(
                Service.PATIENTS, config.patientsUrl(),
                Service.DOCTORS, config.doctorsUrl(),
                Service.CONSULTATIONS, config.consultationsUrl());
        urls.forEach((service, url) -> {
            proxies.put(service, proxyTo(vertx, service, url, Routes.Kind.REQUEST));
            streamProxies.put(service, proxyTo(vertx, service, url, Routes.Kind.STREAM));
        });
        router.routeWithRegex(Routes.FORWARDED)
                .order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(this::forward);
    }

    private HttpProxy proxyTo(Vertx vertx, Service service, URI url, Routes.Kind kind) {
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : (tls ? 443 : 80);
        boolean streams = kind == Routes.Kind.STREAM;
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setSsl(tls).setConnectTimeout((int)
                        config.connectTimeout().toMillis()),
                new PoolOptions()
                        .setHttp1MaxSize(
                                streams ? config.maxStreamConnectionsPerService() : config.maxConnectionsPerService()));
        clients.add(client);
        SocketAddress origin = SocketAddress.inetSocketAddress(port, url.getHost());
        long idleMillis = config.idleTimeout().toMillis();
        // bounds the wait for a pooled connection (a full pool, or a service slow to accept): a 503, never a hang
        long poolWaitMillis = config.poolWait().toMillis();
        HttpProxy proxy = HttpProxy.reverseProxy(client);
        AtomicInteger waiting = new AtomicInteger();
        if (!streams) { // an open stream is counted by EventStreams (gateway_streams_open)
            gauges.add(Gauge.builder("gateway.proxy.waiting", waiting, AtomicInteger::get)
                    .description("Requests forwarded to a service that have not had its answer yet")
                    .tag("service", service.name().toLowerCase(Locale.ROOT))
                    .register(registry));
        }
        AtomicInteger queued = new AtomicInteger();
        gauges.add(Gauge.builder(
                        streams ? "gateway.proxy.streams.queued" : "gateway.proxy.queued", queued, AtomicInteger::get)
                .description(
                        streams
                                ? "Event streams for a service waiting for a connection of the gateway's stream pool"
                                : "Requests for a service waiting for a connection of the gateway's pool to it")
                .tag("service", service.name().toLowerCase(Locale.ROOT))
                .register(registry));
        proxy.originRequestProvider((request, httpClient) -> {
            queued.incrementAndGet();
            return httpClient
                    .request(new RequestOptions()
                            .setServer(origin)
                            .setHost(url.getHost())
                            .setPort(port)
                            .setSsl(tls)
                            .setConnectTimeout(poolWaitMillis)
                            .setIdleTimeout(idleMillis))
                    .onComplete(connected -> queued.decrementAndGet())
                    .onSuccess(forwarded -> {
                        waiting.incrementAndGet();
                        forwarded.response().onComplete(answered -> waiting.decrementAndGet());
                    });
        });
        proxy.addInterceptor(new Edge(service, addresses));
        return proxy;
    }

    private void forward(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        // the span is named by the route's template, never the raw path with its ids
        Traces.route(ctx.request().method().name(), path);
        Caller caller = Caller.of(ctx);
        Routes.Route route = Routes.match(ctx.request().method().name(), path).orElseThrow();
        if (caller.authenticated()) {
            ClinicPath.clinicId(path).ifPresent(clinic -> HttpEdge.noteCaller(ctx, clinic, caller.userId()));
        }
        if (Admission.decide(path, caller) instanceof Admission.Refused refused) {
            refuse(ctx, refused);
            return;
        }
        long clinicId = ClinicPath.clinicId(path).orElseThrow();
        if (route.kind() == Routes.Kind.REQUEST && !caller.superuser()) {
            if (!bulkhead.hold(vertx, ctx, clinicId, maxHoldMillis)) {
                ClinicBulkhead.refuse(ctx, bulkhead.limit());
                return;
            }
        }
        Context context = Vertx.currentContext();
        admission
                .confirm(
                        caller.userId(),
                        caller.role(),
                        caller.superuser(),
                        clinicId,
                        Admission.reads(ctx.request().method().name()),
                        path,
                        ctx.get(HttpEdge.REQUEST_ID))
                .subscribe()
                .with(
                        result -> context.runOnContext(v -> {
                            if (result instanceof Admission.Refused refused) {
                                refuse(ctx, refused);
                            } else if (route.kind() == Routes.Kind.STREAM) {
                                streams.open(ctx, caller, clinicId, () -> send(ctx, route));
                            } else {
                                send(ctx, route);
                            }
                        }),
                        failure -> context.runOnContext(v -> refuse(ctx, failure)));
    }

    private static void refuse(RoutingContext ctx, Admission.Refused refused) {
        if (refused.challenge()) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
        }
        HttpEdge.writeError(ctx, refused.status(), refused.message());
    }

    /**
     * A check before forwarding could not be made: a database or store that is unavailable is a 503 the client may
     * retry; anything else is a fault of ours, logged and answered 500 (never hidden as "retry later").
     */
    static void refuse(RoutingContext ctx, Throwable failure) {
        if (org.clinic.common.error.DatabaseUnavailable.causes(failure)
                || failure instanceof RateLimits.StoreUnavailable) {
            LOG.warnf("a check before forwarding is unavailable: %s", failure.toString());
            HttpEdge.writeError(ctx, 503, UNAVAILABLE);
        } else {
            LOG.error("a check before forwarding failed", failure);
            HttpEdge.writeError(ctx, 500, org.clinic.common.error.HttpMessages.forStatus(500));
        }
    }

    private void send(RoutingContext ctx, Routes.Route route) {
        if (ctx.response().closed()) {
            ClinicBulkhead.release(ctx);
            // the client went away during the checks above. Forwarded now, the service would get the head and wait
            // for a body that never comes until the idle timeout, holding a pooled connection: a burst of hung-up
            // check-ins took every connection to a service this way (docs/decisions.md §17)
            return;
        }
        String resource = route.resource();
        Service service = route.service();
        long started = System.nanoTime();
        ctx.addEndHandler(done -> timer(
                        service,
                        resource,
                        ctx.request().method().name(),
                        ctx.response().getStatusCode())
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
        (route.kind() == Routes.Kind.STREAM ? streamProxies : proxies)
                .get(service)
                .handle(ctx.request());
    }

    private final Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    /** Per service and resource family, never per raw path: the label values stay few. */
    private Timer timer(Service service, String resource, String method, int status) {
        // a family may be answered by two services (a check-in is the patients family's, answered by doctors)
        String key = service.name() + ' ' + resource + ' ' + method + ' ' + status / 100;
        Timer timer = timers.get(key);
        return timer != null ? timer : timers.computeIfAbsent(key, k -> newTimer(service, resource, method, status));
    }

    private Timer newTimer(Service service, String resource, String method, int status) {
        return Timer.builder("gateway.proxy.requests")
                .description("Requests forwarded to a service, end to end at the gateway")
                .tag("service", service.name().toLowerCase(Locale.ROOT))
                .tag("resource", resource)
                .tag("method", method)
                .tag("status", String.valueOf(status / 100) + "xx")
                .publishPercentileHistogram()
                .register(registry);
    }

    void close(@Observes ShutdownEvent event) {
        clients.forEach(HttpClient::close);
        // a gauge reads this instance's counters: a registry that outlives it (a test JVM's next start) would
        // otherwise keep reading them and ignore the next instance's registration of the same name
        gauges.forEach(registry::remove);
    }

    /** What the gateway changes on the way through, and the 503 when the service can't answer. */
    private static final class Edge implements ProxyInterceptor {

        private final Service service;
        private final ClientAddresses addresses;

        Edge(Service service, ClientAddresses addresses) {
            this.service = service;
            this.addresses = addresses;
        }

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            MultiMap headers = context.request().headers();
            List<String> spoofable = new ArrayList<>();
            for (String name : headers.names()) {
                String lower = name.toLowerCase(Locale.ROOT);
                if (lower.equals("forwarded")
                        || lower.startsWith("x-forwarded-")
                        || lower.equals("x-real-ip")
                        || lower.startsWith("x-clinic-")
                        // the caller's trace context: the client span's own is injected for the service instead
                        || lower.equals("traceparent")
                        || lower.equals("tracestate")) {
                    spoofable.add(name);
                }
            }
            spoofable.forEach(headers::remove);
            var incoming = context.request().proxiedRequest();
            headers.set(HttpEdge.REQUEST_ID, incoming.response().headers().get(HttpEdge.REQUEST_ID));
            // the client as edge/ClientAddresses sees it (the peer, or behind a trusted proxy the one it vouches for)
            headers.set(ClientAddresses.HEADER, addresses.of(incoming));
            headers.set("X-Forwarded-Proto", incoming.scheme() == null ? "http" : incoming.scheme());
            return context.sendRequest().recover(failure -> {
                ProxyResponse unavailable = context.request().release().response();
                unavailable
                        .setStatusCode(503)
                        .putHeader("Retry-After", HttpEdge.RETRY_AFTER_SECONDS)
                        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                        .setBody(Body.body(Buffer.buffer(HttpEdge.errorJson(UNAVAILABLE))));
                return Future.succeededFuture(unavailable);
            });
        }

        @Override
        public Future<Void> handleProxyResponse(ProxyContext context) {
            // the gateway has already set the request id and Cache-Control: no-store on its response
            context.response().headers().remove(HttpEdge.REQUEST_ID);
            context.response().headers().remove(HttpHeaders.CACHE_CONTROL);
            return context.sendResponse();
        }

        @Override
        public String toString() {
            return "edge → " + service;
        }
    }
}
