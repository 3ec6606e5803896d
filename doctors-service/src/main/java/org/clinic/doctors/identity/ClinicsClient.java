package org.clinic.doctors.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import org.clinic.common.error.ServiceUnavailable;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * A clinic's time zone (its "today" starts at local midnight), read from the gateway with the
 * caller's token and kept for five minutes per clinic.
 */
@ApplicationScoped
public class ClinicsClient {

    private static final Logger LOG = Logger.getLogger(ClinicsClient.class);

    private final GatewayApi gateway;
    private final Cache<Long, ZoneId> zones = Caffeine.newBuilder()
            .expireAfterWrite(Duration.ofMinutes(5))
            .maximumSize(100_000)
            .build();

    public ClinicsClient(@RestClient GatewayApi gateway) {
        this.gateway = gateway;
    }

    public Uni<ZoneId> zone(long clinicId) {
        ZoneId cached = zones.getIfPresent(clinicId);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        return gateway.clinic(clinicId)
                .map(envelope -> zoneOf(envelope.data().timezone()))
                .invoke(zone -> zones.put(clinicId, zone))
                .onFailure(failure -> !(failure instanceof ServiceUnavailable))
                .transform(failure -> {
                    if (failure instanceof WebApplicationException web
                            && web.getResponse().getStatus() < 500) {
                        LOG.warnf(
                                "the gateway refused the clinic lookup: %d",
                                web.getResponse().getStatus());
                    } else {
                        LOG.warnf("the gateway's clinic lookup failed: %s", failure.toString());
                    }
                    return new ServiceUnavailable("The identity service is unavailable; try again shortly.");
                });
    }

    private static ZoneId zoneOf(String timezone) {
        try {
            return timezone == null ? ZoneId.of("UTC") : ZoneId.of(timezone);
        } catch (DateTimeException e) {
            return ZoneId.of("UTC");
        }
    }
}
