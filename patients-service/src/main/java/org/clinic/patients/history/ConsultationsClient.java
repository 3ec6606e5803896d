package org.clinic.patients.history;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * consultations-service, asked for a patient's record counts with the caller's token. A medical history answers
 * without them when consultations-service cannot: that is an empty item here, logged.
 */
@ApplicationScoped
public class ConsultationsClient {

    private static final Logger LOG = Logger.getLogger(ConsultationsClient.class);

    private final ConsultationsApi consultations;

    public ConsultationsClient(@RestClient ConsultationsApi consultations) {
        this.consultations = consultations;
    }

    /** The patient's prescription and test-report counts, or a null item when consultations-service does not give them. */
    public Uni<ConsultationsApi.Counts> counts(long clinicId, long patientId) {
        return consultations
                .counts(clinicId, patientId)
                .map(ConsultationsApi.CountsEnvelope::data)
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf("record counts unavailable: %s", failure.toString());
                    return null;
                });
    }
}
