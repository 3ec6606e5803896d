package org.clinic.gateway.edge;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.clinic.common.error.ErrorMappers;
import org.clinic.common.ops.Traces;
import org.clinic.common.tenancy.ClinicPath;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.web.HttpEdge;
import org.clinic.gateway.auth.AccountStatus;
import org.clinic.gateway.config.GatewayConfig;

/**
 * Forwards the clinic routes each service owns (API.md §3) with vertx-http-proxy: the request
 * and response bodies stream through, over keep-alive pools to each service. Before anything
 * reaches a service the caller is checked as the services themselves would (defence in depth:
 * they check again): a verified token (401), the clinic of the path is the token's (403, a
 * superuser aside, who needs the clinic to exist: 404), a display device only on the queue board
 * (403), the user and clinic still active with the token's role (401, {@link AccountStatus}).
 *
 * <p>Spoofable headers from outside ({@code Forwarded}, {@code X-Forwarded-*}, {@code X-Real-IP},
 * anything {@code X-Clinic-*}) are dropped and the gateway's own set; hop-by-hop headers are
 * dropped by the library. A service that refuses the connection, or is silent for
 * {@code clinic.routing.idle-timeout}, is a 503 in the envelope.
 */
@ApplicationScoped
public class ServiceProxy {

    /** Which service owns a clinic route, by the path's first segment after the clinic id. */
    public enum Service {
        PATIENTS,
        DOCTORS,
        CONSULTATIONS
    }

    private static final String ROUTES = "^/api/v1/clinics/[^/]+/(patients|doctors|visits|queue-board|consultations"
            + "|prescriptions|test-reports)(?:/.*)?$";
    /** How long an event stream opened while this replica shuts down stays open. */
    private static final Duration DRAINING_STREAM = Duration.ofSeconds(1);

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(ServiceProxy.class);
    private static final String UNAVAILABLE = "Service temporarily unavailable. Please retry shortly.";

    private final GatewayConfig.Routing config;
    private final AccountStatus accounts;
    private final SuperuserReads reads;
    private final MeterRegistry registry;
    private final Map<Service, HttpProxy> proxies = new EnumMap<>(Service.class);
    private final List<HttpClient> clients = new ArrayList<>();
    private Vertx vertx;
    /** Open event streams on this replica, each with how to cut it (on its own context). */
    private final Map<RoutingContext, Runnable> openStreams = new java.util.concurrent.ConcurrentHashMap<>();

    private volatile boolean draining;

    /** The event streams of API.md §7: forwarded unbuffered, counted per user, ended on deactivation. */
    private static final java.util.regex.Pattern STREAM = java.util.regex.Pattern.compile(
            "^/api/v1/clinics/[0-9]+/(visits|queue-board|doctors/[0-9]+/queue)/stream/?$");

    private final RateLimits limits;

    public ServiceProxy(
            GatewayConfig config,
            AccountStatus accounts,
            SuperuserReads reads,
            MeterRegistry registry,
            RateLimits limits) {
        this.limits = limits;
        this.config = config.routing();
        this.accounts = accounts;
        this.reads = reads;
        this.registry = registry;
    }

    void routes(@Observes Router router, Vertx vertx) {
        this.vertx = vertx;
        proxies.put(Service.PATIENTS, proxyTo(vertx, Service.PATIENTS, config.patientsUrl()));
        proxies.put(Service.DOCTORS, proxyTo(vertx, Service.DOCTORS, config.doctorsUrl()));
        proxies.put(Service.CONSULTATIONS, proxyTo(vertx, Service.CONSULTATIONS, config.consultationsUrl()));
        router.routeWithRegex(ROUTES)
                .order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT)
                .handler(this::forward);
    }

    private static final java.util.regex.Pattern ROUTE = java.util.regex.Pattern.compile(ROUTES);

    /** The service the gateway forwards {@code path} to (a path template will do), or null for its own. */
    public static Service routeOf(String path) {
        java.util.regex.Matcher m = ROUTE.matcher(path);
        return m.matches() ? serviceOf(m.group(1)) : null;
    }

    static Service serviceOf(String resource) {
        return switch (resource) {
            case "patients" -> Service.PATIENTS;
            case "doctors", "visits", "queue-board" -> Service.DOCTORS;
            default -> Service.CONSULTATIONS;
        };
    }

    private HttpProxy proxyTo(Vertx vertx, Service service, URI url) {
        boolean tls = "https".equalsIgnoreCase(url.getScheme());
        int port = url.getPort() > 0 ? url.getPort() : (tls ? 443 : 80);
        HttpClient client = vertx.createHttpClient(
                new HttpClientOptions().setKeepAlive(true).setSsl(tls).setConnectTimeout((int)
                        config.connectTimeout().toMillis()),
                new PoolOptions().setHttp1MaxSize(config.maxConnectionsPerService()));
        clients.add(client);
        SocketAddress origin = SocketAddress.inetSocketAddress(port, url.getHost());
        long idleMillis = config.idleTimeout().toMillis();
        HttpProxy proxy = HttpProxy.reverseProxy(client);
        AtomicInteger waiting = new AtomicInteger();
        Gauge.builder("gateway.proxy.waiting", waiting, AtomicInteger::get)
                .description("Requests forwarded to a service that have not had its answer yet")
                .tag("service", service.name().toLowerCase(Locale.ROOT))
                .register(registry);
        proxy.originRequestProvider((request, httpClient) -> httpClient
                .request(new RequestOptions()
                        .setServer(origin)
                        .setHost(url.getHost())
                        .setPort(port)
                        .setSsl(tls)
                        .setIdleTimeout(idleMillis))
                .onSuccess(forwarded -> {
                    waiting.incrementAndGet();
                    forwarded.response().onComplete(answered -> waiting.decrementAndGet());
                }));
        proxy.addInterceptor(new Edge(service));
        return proxy;
    }

    private void forward(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        // the span is named by the route's template, never the raw path with its ids
        Traces.route(ctx.request().method().name(), path);
        OptionalLong pathClinic = ClinicPath.clinicId(path);
        if (pathClinic.isEmpty()) {
            HttpEdge.writeError(ctx, 404, "Not found.");
            return;
        }
        Caller caller = Caller.of(ctx);
        if (!caller.authenticated()) {
            ctx.response().putHeader("WWW-Authenticate", "Bearer");
            HttpEdge.writeError(ctx, 401, ErrorMappers.UNAUTHENTICATED);
            return;
        }
        long clinicId = pathClinic.getAsLong();
        HttpEdge.noteCaller(ctx, clinicId, caller.userId());
        if (Roles.DISPLAY.equals(caller.role()) && !ClinicPath.isDisplayPath(path)) {
            HttpEdge.writeError(ctx, 403, "A display device may only read the queue board.");
            return;
        }
        if (!caller.superuser() && (caller.clinicId() == null || caller.clinicId() != clinicId)) {
            HttpEdge.writeError(ctx, 403, "You do not have access to this clinic.");
            return;
        }
        Context context = Vertx.currentContext();
        Uni<Integer> refusal = accounts.status(caller.userId()).chain(status -> {
            if (!status.allows(caller.role())) {
                return Uni.createFrom().item(401);
            }
            if (caller.superuser()) {
                return accounts.clinic(clinicId).chain(clinic -> {
                    if (clinic.isEmpty()) {
                        return Uni.createFrom().item(404);
                    }
                    if (ctx.request().method() != HttpMethod.GET) {
                        return Uni.createFrom().item(0);
                    }
                    // audited before it is answered: no read_phi event, no read
                    return reads.record(clinicId, caller.userId(), path, SuperuserReads.requestIdOf(ctx))
                            .replaceWith(0);
                });
            }
            return Uni.createFrom().item(0);
        });
        refusal.subscribe()
                .with(
                        status -> context.runOnContext(v -> {
                            if (status == 401) {
                                HttpEdge.writeError(ctx, 401, ErrorMappers.UNAUTHENTICATED);
                            } else if (status == 404) {
                                HttpEdge.writeError(ctx, 404, "Clinic not found.");
                            } else if (ctx.request().method() == HttpMethod.GET
                                    && STREAM.matcher(path).matches()) {
                                stream(ctx, path, caller);
                            } else {
                                send(ctx, path);
                            }
                        }),
                        failure -> context.runOnContext(v -> refuse(ctx, failure)));
    }

    /**
     * A check before forwarding could not be made: a database or store that is unavailable is a 503 the client may
     * retry; anything else is a fault of ours, logged and answered 500 (never hidden as "retry later").
     */
    private static void refuse(RoutingContext ctx, Throwable failure) {
        if (org.clinic.common.error.DatabaseUnavailable.causes(failure)
                || failure instanceof RateLimits.StoreUnavailable) {
            LOG.warnf("a check before forwarding is unavailable: %s", failure.toString());
            HttpEdge.writeError(ctx, 503, UNAVAILABLE);
        } else {
            LOG.error("a check before forwarding failed", failure);
            HttpEdge.writeError(ctx, 500, org.clinic.common.error.HttpMessages.forStatus(500));
        }
    }

    /**
     * An event stream: at most {@code maxStreamsPerUser} open per user on this replica (the next is a 429), and
     * while it is open the user's and clinic's status is checked every {@code streamAccountCheck}; a deactivated
     * one's stream is cut (the account status cache's lifetime plus that interval: within 60 s by default).
     */
    private void stream(RoutingContext ctx, String path, Caller caller) {
        Context context = Vertx.currentContext();
        long userId = caller.userId();
        String lease = java.util.UUID.randomUUID().toString();
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
                            openStream(ctx, path, caller, lease, ttl);
                        }),
                        failure -> context.runOnContext(v -> refuse(ctx, failure)));
    }

    private void openStream(RoutingContext ctx, String path, Caller caller, String lease, Duration ttl) {
        Context context = Vertx.currentContext();
        long userId = caller.userId();
        java.util.concurrent.atomic.AtomicBoolean released = new java.util.concurrent.atomic.AtomicBoolean();
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
        openStreams.put(ctx, cut);
        long drainingCut = draining ? vertx.setTimer(DRAINING_STREAM.toMillis(), id -> cut.run()) : -1;
        Runnable release = () -> {
            if (released.compareAndSet(false, true)) {
                openStreams.remove(ctx);
                vertx.cancelTimer(check);
                if (drainingCut >= 0) {
                    vertx.cancelTimer(drainingCut);
                }
                limits.releaseStream(userId, lease).subscribe().with(done -> {}, failure -> {});
            }
        };
        ctx.addEndHandler(done -> release.run());
        ctx.response().closeHandler(closed -> release.run());
        send(ctx, path);
    }

    private void send(RoutingContext ctx, String path) {
        if (ctx.response().closed()) {
            // the client went away during the checks above. Forwarded now, the service would get the head and wait
            // for a body that never comes until the idle timeout, holding a pooled connection: a burst of hung-up
            // check-ins took every connection to patients-service this way (docs/decisions.md §17)
            return;
        }
        String resource = path.split("/", 7)[5];
        Service service = serviceOf(resource);
        long started = System.nanoTime();
        ctx.addEndHandler(done -> timer(
                        service,
                        resource,
                        ctx.request().method().name(),
                        ctx.response().getStatusCode())
                .record(System.nanoTime() - started, TimeUnit.NANOSECONDS));
        proxies.get(service).handle(ctx.request());
    }

    private final Map<String, Timer> timers = new java.util.concurrent.ConcurrentHashMap<>();

    /** Per service and resource family, never per raw path: the label values stay few. */
    private Timer timer(Service service, String resource, String method, int status) {
        String key = resource + ' ' + method + ' ' + status / 100;
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

    /**
     * SIGTERM: readiness is down from now on, so the open event streams are cut (clients reconnect with Last-Event-ID,
     * to another replica once the load balancer has noticed), and one opened meanwhile is cut soon after: none holds
     * up the wait for requests in flight.
     */
    void drain(@Observes ShutdownDelayInitiatedEvent event) {
        draining = true;
        List.copyOf(openStreams.values()).forEach(Runnable::run);
    }

    void close(@Observes ShutdownEvent event) {
        clients.forEach(HttpClient::close);
    }

    /** What the gateway changes on the way through, and the 503 when the service can't answer. */
    private static final class Edge implements ProxyInterceptor {

        private final Service service;

        Edge(Service service) {
            this.service = service;
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
            SocketAddress peer = incoming.remoteAddress();
            if (peer != null) {
                headers.set("X-Forwarded-For", peer.hostAddress());
            }
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
            // the gateway has already set the request id on its response
            context.response().headers().remove(HttpEdge.REQUEST_ID);
            return context.sendResponse();
        }

        @Override
        public String toString() {
            return "edge → " + service;
        }
    }
}
