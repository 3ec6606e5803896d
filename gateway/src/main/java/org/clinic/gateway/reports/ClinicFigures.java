package org.clinic.gateway.reports;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.clinic.common.error.NotFound;
import org.clinic.common.web.Envelope;
import org.clinic.gateway.config.GatewayConfig;
import org.clinic.gateway.config.ServiceClients;
import org.jboss.logging.Logger;

/**
 * A clinic's figures for one local day, asked of the services that own them (API.md §3
 * "Analytics and reports"): each part on its own, so the dashboard can answer without a part
 * that is down and the daily report can refuse. Every call is bounded by the clients' timeouts.
 */
@ApplicationScoped
public class ClinicFigures {

    private static final Logger LOG = Logger.getLogger(ClinicFigures.class);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);

    /** The clinic as a report needs it. */
    public record Clinic(long id, String slug, ZoneId zone) {}

    /** The clinic's local day as instants, {@code [from, to)}. */
    public record Day(LocalDate date, Instant from, Instant to) {
        /** {@code requested}, or today in the clinic's zone when none was asked for. */
        static Day of(LocalDate requested, Clinic clinic) {
            ZoneId zone = clinic.zone();
            LocalDate date = requested != null ? requested : LocalDate.now(zone);
            return new Day(
                    date,
                    date.atStartOfDay(zone).toInstant(),
                    date.plusDays(1).atStartOfDay(zone).toInstant());
        }
    }

    private final Pool pool;
    private final StatsApis.PatientsApi patients;
    private final StatsApis.VisitsApi visits;
    private final StatsApis.ConsultationsApi consultations;

    public ClinicFigures(Pool pool, GatewayConfig config) {
        this.pool = pool;
        GatewayConfig.Routing routing = config.routing();
        this.patients = ServiceClients.build(StatsApis.PatientsApi.class, routing.patientsUrl(), routing, READ_TIMEOUT);
        this.visits = ServiceClients.build(StatsApis.VisitsApi.class, routing.doctorsUrl(), routing, READ_TIMEOUT);
        this.consultations = ServiceClients.build(
                StatsApis.ConsultationsApi.class, routing.consultationsUrl(), routing, READ_TIMEOUT);
    }

    /** The clinic's slug and zone; 404 when there is no such clinic. */
    public Uni<Clinic> clinic(long clinicId) {
        return pool.preparedQuery("SELECT slug, timezone FROM clinic WHERE id = $1")
                .execute(Tuple.of(clinicId))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        throw new NotFound("Clinic not found.");
                    }
                    var row = it.next();
                    return new Clinic(clinicId, row.getString(0), ZoneId.of(row.getString(1)));
                });
    }

    Uni<Figures.Patients> patients(long clinicId, Day day) {
        return logged(
                "patients service",
                patients.stats(clinicId, day.from().toString(), day.to().toString()));
    }

    Uni<Figures.Visits> visits(long clinicId, Day day) {
        return logged("doctors service", visits.stats(clinicId, day.date().toString()));
    }

    Uni<Figures.Consultations> consultations(long clinicId, Day day) {
        return logged(
                "consultations service",
                consultations.stats(clinicId, day.from().toString(), day.to().toString()));
    }

    private static <T> Uni<T> logged(String part, Uni<Envelope<T>> call) {
        return call.map(Envelope::data).onFailure().invoke(failure -> LOG.warnf("%s: %s", part, failure.toString()));
    }
}
