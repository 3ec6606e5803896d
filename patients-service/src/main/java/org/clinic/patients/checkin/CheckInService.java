package org.clinic.patients.checkin;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.clinic.common.client.Downstream;
import org.clinic.common.error.Conflict;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.patients.patient.PatientService;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Check-in (API.md §3): the patient must be live and active here; the visit, its token number and
 * its queue place come from doctors-service, which owns visits. Its refusals (an unknown doctor,
 * a second open visit) pass through; doctors-service down is a 503.
 */
@ApplicationScoped
public class CheckInService {

    /** {@code data} of a check-in answer. */
    public record CheckedIn(long visitId, int tokenNumber, Long doctor, Long queuePosition) {}

    private final PatientService patients;
    private final VisitsApi visits;
    private final TenantContext tenant;

    public CheckInService(PatientService patients, @RestClient VisitsApi visits, TenantContext tenant) {
        this.patients = patients;
        this.visits = visits;
        this.tenant = tenant;
    }

    /** {@code idempotencyKey}, when given, is passed on so a retried check-in finds the same visit. */
    public Uni<CheckedIn> checkIn(long patientId, Long doctor, String purpose, String idempotencyKey) {
        long clinicId = tenant.clinicId();
        return patients.get(patientId).chain(patient -> {
            if (!"active".equals(patient.status)) {
                throw new Conflict("An inactive or deceased patient cannot be checked in.");
            }
            // bounded by the client's read timeout (8 s, application.properties)
            return visits.create(clinicId, idempotencyKey, new VisitsApi.NewVisit(patient.id, doctor, purpose))
                    .onFailure()
                    .transform(failure -> Downstream.translate(failure, "doctors service"))
                    .map(created -> new CheckedIn(
                            created.data().id(),
                            created.data().tokenNumber(),
                            created.data().assignedDoctor(),
                            created.data().queuePosition()));
        });
    }
}
