package org.clinic.gateway.edge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.clinic.common.web.HttpEdge;
import org.clinic.gateway.auth.AccountStatus;
import org.clinic.gateway.config.GatewayConfig;

/**
 * API.md §5 at the edge, for every route the gateway serves or forwards: an anonymous request
 * counts against its client address, an authenticated one against its user and (unless a
 * superuser's) its clinic, whose own {@code rate_limit_per_hour} replaces the default. Every
 * counted response carries {@code RateLimit-Limit/Remaining/Reset} of the tightest limit; over
 * any limit → 429 with {@code Retry-After}. Not counted: CORS preflights, health and metrics
 * ({@code /q/}), the Swagger UI's static files.
 *
 * <p>The client address is edge/ClientAddresses's: the connection's peer, or behind one of the operator's trusted
 * proxies ({@code CLINIC_EDGE_TRUSTED_PROXIES}) the right-most forwarded address that is not a proxy.
 */
@ApplicationScoped
public class RateLimitFilter {

    static final int PRIORITY = 800;

    private final RateLimits limits;
    private final AccountStatus accounts;
    private final GatewayConfig.RateLimit config;
    private final MeterRegistry registry;
    private final ClientAddresses addresses;
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();

    public RateLimitFilter(
            RateLimits limits,
            AccountStatus accounts,
            GatewayConfig config,
            MeterRegistry registry,
            ClientAddresses addresses) {
        this.addresses = addresses;
        this.limits = limits;
        this.accounts = accounts;
        this.config = config.rateLimit();
        this.registry = registry;
    }

    void register(@Observes Filters filters) {
        filters.register(this::limit, PRIORITY);
    }

    private void limit(RoutingContext ctx) {
        if (exempt(ctx) || Caller.of(ctx).onBehalf()) {
            ctx.next();
            return;
        }
        Context context = Vertx.currentContext();
        limitsFor(Caller.of(ctx), ctx)
                .chain(limits::check)
                .subscribe()
                .with(
                        decision -> context.runOnContext(v -> apply(ctx, decision)),
                        failure -> context.runOnContext(v -> {
                            if (failure instanceof RateLimits.StoreUnavailable
                                    || org.clinic.common.error.DatabaseUnavailable.causes(failure)) {
                                count("any", "unavailable");
                                HttpEdge.writeError(ctx, 503, "Service temporarily unavailable.");
                            } else {
                                // a fault of ours, not a store that is down: never hidden as "retry later"
                                org.jboss.logging.Logger.getLogger(RateLimitFilter.class)
                                        .error("the rate-limit check failed", failure);
                                HttpEdge.writeError(ctx, 500, org.clinic.common.error.HttpMessages.forStatus(500));
                            }
                        }));
    }

    private static boolean exempt(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        if (path.startsWith("/q/") || path.startsWith("/api/docs")) {
            return true;
        }
        return ctx.request().method() == HttpMethod.OPTIONS
                && ctx.request().getHeader("Access-Control-Request-Method") != null;
    }

    private Uni<List<Limit>> limitsFor(Caller caller, RoutingContext ctx) {
        if (!caller.authenticated()) {
            String address = addresses.of(ctx.request());
            return Uni.createFrom()
                    .item(List.of(new Limit(
                            Limit.ANONYMOUS,
                            config.keyPrefix() + ":{a" + address + "}:anonymous",
                            config.anonymousPerHour())));
        }
        if (caller.superuser() || caller.clinicId() == null) {
            return Uni.createFrom()
                    .item(List.of(new Limit(
                            Limit.USER,
                            config.keyPrefix() + ":{u" + caller.userId() + "}:user",
                            config.userPerHour())));
        }
        long clinicId = caller.clinicId();
        String tag = config.keyPrefix() + ":{c" + clinicId + "}:";
        return accounts.clinic(clinicId).map(clinic -> {
            int clinicLimit =
                    clinic.map(AccountStatus.ClinicInfo::rateLimitPerHour).orElse(config.clinicPerHour());
            return List.of(
                    new Limit(Limit.USER, tag + "user:" + caller.userId(), config.userPerHour()),
                    new Limit(Limit.CLINIC, tag + "clinic", clinicLimit));
        });
    }

    private void apply(RoutingContext ctx, Decision decision) {
        HttpServerResponse response = ctx.response();
        response.putHeader("RateLimit-Limit", String.valueOf(decision.limit().perHour()));
        response.putHeader("RateLimit-Remaining", String.valueOf(decision.remaining()));
        response.putHeader("RateLimit-Reset", String.valueOf(decision.resetSeconds()));
        count(decision.limit().scope(), decision.allowed() ? "allowed" : "limited");
        if (decision.allowed()) {
            ctx.next();
            return;
        }
        response.putHeader("Retry-After", String.valueOf(decision.retryAfterSeconds()));
        HttpEdge.writeError(
                ctx,
                429,
                "Too many requests: the " + decision.limit().scope() + " limit of "
                        + decision.limit().perHour() + " requests per hour is reached. Retry in "
                        + decision.retryAfterSeconds() + " s.");
    }

    private void count(String scope, String outcome) {
        decisions
                .computeIfAbsent(scope + "/" + outcome, k -> Counter.builder("gateway.rate.limit.decisions")
                        .description("Requests admitted or refused by the rate limits, by the scope that decided")
                        .tag("scope", scope)
                        .tag("outcome", outcome)
                        .register(registry))
                .increment();
    }
}
