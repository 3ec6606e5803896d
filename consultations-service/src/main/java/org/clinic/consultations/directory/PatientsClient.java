package org.clinic.consultations.directory;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.clinic.common.client.Downstream;
import org.clinic.common.error.InvalidRequest;
import org.clinic.common.tenancy.TenantContext;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * patients-service, asked for a record's patient with the caller's token. A patient the clinic does not have is a
 * 400 naming {@code patient}; patients-service down or slow (its REST client's connect and read timeouts,
 * application.properties, which fail on the caller's Vert.x context where the reactive session must stay) is a 503.
 */
@ApplicationScoped
public class PatientsClient {

    private final PatientsApi patients;
    private final TenantContext tenant;

    public PatientsClient(@RestClient PatientsApi patients, TenantContext tenant) {
        this.patients = patients;
        this.tenant = tenant;
    }

    public Uni<PatientsApi.Patient> patient(long patientId) {
        return patients.patient(tenant.clinicId(), patientId)
                .onFailure(failure -> Downstream.status(failure) == 404 || Downstream.status(failure) == 403)
                .transform(failure -> InvalidRequest.field("patient", "must be a patient of this clinic"))
                .onFailure(failure -> !(failure instanceof InvalidRequest))
                .transform(failure -> Downstream.translate(failure, "patients service"))
                .map(PatientsApi.PatientEnvelope::data);
    }
}
