package org.clinic.gateway.reports;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import org.clinic.common.web.Envelope;
import org.clinic.gateway.clinic.ClinicService;
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
        static Day of(LocalDate requested, Clinic clinic, Clock clock) {
            ZoneId zone = clinic.zone();
            LocalDate date = requested != null ? requested : LocalDate.now(clock.withZone(zone));
            return new Day(
                    date,
                    date.atStartOfDay(zone).toInstant(),
                    date.plusDays(1).atStartOfDay(zone).toInstant());
        }
    }

    private final ClinicService clinics;
    private final Clock clock;
    private final StatsApis.PatientsApi patients;
    private final StatsApis.VisitsApi visits;
    private final StatsApis.ConsultationsApi consultations;

    public ClinicFigures(ClinicService clinics, Clock clock, GatewayConfig config) {
        this.clinics = clinics;
        this.clock = clock;
        GatewayConfig.Routing routing = config.routing();
        this.patients = ServiceClients.build(StatsApis.PatientsApi.class, routing.patientsUrl(), routing, READ_TIMEOUT);
        this.visits = ServiceClients.build(StatsApis.VisitsApi.class, routing.doctorsUrl(), routing, READ_TIMEOUT);
        this.consultations = ServiceClients.build(
                StatsApis.ConsultationsApi.class, routing.consultationsUrl(), routing, READ_TIMEOUT);
    }

    /** The clinic's slug and zone; 404 when there is no such clinic. */
    public Uni<Clinic> clinic(long clinicId) {
        return clinics.get(clinicId).map(clinic -> new Clinic(clinicId, clinic.slug, ZoneId.of(clinic.timezone)));
    }

    /** {@code requested}, or today in the clinic's zone by the service's clock. */
    public Day day(LocalDate requested, Clinic clinic) {
        return Day.of(requested, clinic, clock);
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
