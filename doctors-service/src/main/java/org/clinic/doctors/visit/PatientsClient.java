package org.clinic.doctors.visit;

import io.smallrye.faulttolerance.api.TypedGuard;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.clinic.common.client.Downstream;
import org.clinic.common.error.ErrorMappers;
import org.clinic.common.error.ServiceUnavailable;
import org.clinic.common.error.Unauthenticated;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * patients-service, asked for a visit's patient with the caller's token: the patient, empty when the clinic has none
 * with that id (its 404, or a 403), the caller's 401 passed on; down or slow (its connect and read timeouts,
 * application.properties) is a 503. A circuit breaker fails fast while patients-service is unwell: once half of the
 * last {@value #WINDOW} calls found no answer in time, no connection or a 5xx, check-ins and new visits are a 503 at
 * once for {@value #OPEN_SECONDS} s (instead of each holding a request for the read timeout), then one call tries
 * again. Answers about the request (404, 401, 400) count as successes.
 */
@ApplicationScoped
public class PatientsClient {

    private static final Logger LOG = Logger.getLogger(PatientsClient.class);
    static final String NOT_A_PATIENT = "must be a patient of this clinic";
    static final String PATIENT_NOT_FOUND = "Patient not found.";
    static final int WINDOW = 8;
    static final int OPEN_SECONDS = 5;

    private final PatientsApi patients;
    private final TypedGuard<Uni<Optional<PatientsApi.Patient>>> breaker = TypedGuard.create(
                    new TypeLiteral<Uni<Optional<PatientsApi.Patient>>>() {})
            .withDescription("patients-service: a visit's patient")
            .withCircuitBreaker()
            .requestVolumeThreshold(WINDOW)
            .failureRatio(0.5)
            .delay(OPEN_SECONDS, ChronoUnit.SECONDS)
            .when(Downstream::isOutage)
            .onStateChange(state -> LOG.warnf("patients-service circuit breaker: %s", state))
            .done()
            .build();

    public PatientsClient(@RestClient PatientsApi patients) {
        this.patients = patients;
    }

    public Uni<Optional<PatientsApi.Patient>> find(long clinicId, long patientId) {
        return breaker.get(() -> patients.patient(clinicId, patientId)
                        .map(envelope -> Optional.of(envelope.data()))
                        .onFailure(PatientsClient::absent)
                        .recoverWithItem(Optional.empty()))
                .onFailure(failure -> !(failure instanceof ServiceUnavailable))
                .transform(PatientsClient::translate);
    }

    private static boolean absent(Throwable failure) {
        int status = Downstream.status(failure);
        return status == 404 || status == 403;
    }

    private static Throwable translate(Throwable failure) {
        if (Downstream.status(failure) == 401) {
            return new Unauthenticated(ErrorMappers.UNAUTHENTICATED);
        }
        LOG.warnf("patients-service failed: %s", failure.toString());
        return new ServiceUnavailable("The patients service is unavailable; try again shortly.");
    }
}
