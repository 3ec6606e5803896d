package org.clinic.patients.history;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * doctors-service, asked for a patient's visits with the caller's token. A medical history answers without them when
 * doctors-service cannot (down, slow past its read timeout, any refusal): that is an empty item here, logged.
 */
@ApplicationScoped
public class VisitsClient {

    private static final Logger LOG = Logger.getLogger(VisitsClient.class);

    /** How many visits the patient has, and the last one as doctors-service wrote it (null: none). */
    public record VisitFigures(long count, JsonNode last) {}

    private final VisitsApi visits;

    public VisitsClient(@RestClient VisitsApi visits) {
        this.visits = visits;
    }

    /** The patient's visit figures, or a null item when doctors-service does not give them. */
    public Uni<VisitFigures> figures(long clinicId, long patientId) {
        return visits.ofPatient(clinicId, patientId, 1)
                .map(page -> new VisitFigures(
                        page.pagination().count(),
                        page.data().isEmpty() ? null : page.data().get(0)))
                .onFailure()
                .recoverWithItem(failure -> {
                    LOG.warnf("visit figures unavailable: %s", failure.toString());
                    return null;
                });
    }
}
