package org.clinic.consultations.directory;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.clinic.common.client.Downstream;
import org.clinic.common.error.Conflict;
import org.clinic.common.error.Forbidden;
import org.clinic.common.error.InvalidRequest;
import org.clinic.common.tenancy.TenantContext;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * What this service asks the others, with the caller's token: the caller's doctor profile, a
 * record's patient, a consultation's visit. A reference that does not exist in the clinic is a
 * 400 naming the field; a service that is down or slow is a 503. Every call is bounded by its REST
 * client's connect and read timeouts (application.properties), which fail on the caller's Vert.x
 * context, where the reactive session must stay.
 */
@ApplicationScoped
public class Directory {

    private final PatientsApi patients;
    private final DoctorsApi doctors;
    private final TenantContext tenant;

    public Directory(@RestClient PatientsApi patients, @RestClient DoctorsApi doctors, TenantContext tenant) {
        this.patients = patients;
        this.doctors = doctors;
        this.tenant = tenant;
    }

    /** The caller's active doctor profile; a doctor-role user without one is refused (403). */
    public Uni<DoctorsApi.Doctor> callerDoctor() {
        long clinicId = tenant.clinicId();
        return doctors.me(clinicId)
                .onFailure(failure -> status(failure) == 404)
                .transform(failure -> new Forbidden("You have no active doctor profile in this clinic."))
                .onFailure(failure -> !(failure instanceof Forbidden))
                .transform(failure -> Downstream.translate(failure, "doctors service"))
                .map(DoctorsApi.DoctorEnvelope::data)
                .invoke(doctor -> {
                    if (!doctor.isActive()) {
                        throw new Forbidden("You have no active doctor profile in this clinic.");
                    }
                });
    }

    public Uni<PatientsApi.Patient> patient(long patientId) {
        long clinicId = tenant.clinicId();
        return patients.patient(clinicId, patientId)
                .onFailure(failure -> status(failure) == 404 || status(failure) == 403)
                .transform(failure -> InvalidRequest.field("patient", "must be a patient of this clinic"))
                .onFailure(failure -> !(failure instanceof InvalidRequest))
                .transform(failure -> Downstream.translate(failure, "patients service"))
                .map(PatientsApi.PatientEnvelope::data);
    }

    /**
     * The visit, which must be the patient's and not another doctor's (unassigned or the
     * caller's own); 400 naming {@code visit} otherwise.
     */
    public Uni<DoctorsApi.Visit> visitOf(long visitId, long patientId, long doctorId) {
        long clinicId = tenant.clinicId();
        return doctors.visit(clinicId, visitId)
                .onFailure(failure -> status(failure) == 404)
                .transform(failure -> InvalidRequest.field("visit", "must be a visit of this clinic"))
                .onFailure(failure -> !(failure instanceof InvalidRequest))
                .transform(failure -> Downstream.translate(failure, "doctors service"))
                .map(DoctorsApi.VisitEnvelope::data)
                .invoke(visit -> {
                    if (visit.patient() != patientId) {
                        throw InvalidRequest.field("visit", "belongs to another patient");
                    }
                    if (visit.assignedDoctor() != null && visit.assignedDoctor() != doctorId) {
                        throw InvalidRequest.field("visit", "is assigned to another doctor");
                    }
                });
    }

    /**
     * A consultation for a waiting visit moves it to {@code in_consultation}; one already there
     * stays; any other state is a 409 (API.md §3).
     */
    public Uni<Void> startVisit(DoctorsApi.Visit visit) {
        return switch (visit.status()) {
            case "in_consultation" -> Uni.createFrom().voidItem();
            case "checked_in" ->
                doctors.transition(tenant.clinicId(), visit.id(), new DoctorsApi.Transition("in_consultation"))
                        .onFailure()
                        .transform(failure -> Downstream.translate(failure, "doctors service"))
                        .replaceWithVoid();
            default ->
                Uni.createFrom()
                        .failure(new Conflict(
                                "A consultation cannot be recorded for a visit that is " + visit.status() + "."));
        };
    }

    private static int status(Throwable failure) {
        return failure instanceof WebApplicationException web
                ? web.getResponse().getStatus()
                : -1;
    }
}
