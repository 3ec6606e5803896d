package org.clinic.doctors.visit;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.clinic.common.error.ErrorMappers;
import org.clinic.common.error.InvalidRequest;
import org.clinic.common.error.ServiceUnavailable;
import org.clinic.common.error.Unauthenticated;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** Looks up the patient of a new visit in patients-service; down or slow is a 503. */
@ApplicationScoped
public class PatientsClient {

    private static final Logger LOG = Logger.getLogger(PatientsClient.class);
    static final String NOT_A_PATIENT = "must be a patient of this clinic";

    private final PatientsApi patients;

    public PatientsClient(@RestClient PatientsApi patients) {
        this.patients = patients;
    }

    public Uni<PatientsApi.Patient> patient(long clinicId, long patientId) {
        return patients.patient(clinicId, patientId)
                .map(PatientsApi.PatientEnvelope::data)
                .onFailure(failure -> !(failure instanceof ServiceUnavailable))
                .transform(PatientsClient::translate);
    }

    private static Throwable translate(Throwable failure) {
        if (failure instanceof WebApplicationException web) {
            int status = web.getResponse().getStatus();
            if (status == 404 || status == 403) {
                return InvalidRequest.field("patient", NOT_A_PATIENT);
            }
            if (status == 401) {
                return new Unauthenticated(ErrorMappers.UNAUTHENTICATED);
            }
        }
        LOG.warnf("patients-service failed: %s", failure.toString());
        return new ServiceUnavailable("The patients service is unavailable; try again shortly.");
    }
}
