package org.clinic.consultations.directory;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.clinic.common.client.Downstream;
import org.clinic.common.error.Conflict;
import org.clinic.common.error.Forbidden;
import org.clinic.common.error.InvalidRequest;
import org.clinic.common.tenancy.TenantContext;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * doctors-service, asked with the caller's token: the caller's doctor profile, a consultation's visit and its move to
 * {@code in_consultation}. A visit the clinic does not have is a 400 naming {@code visit}; doctors-service down or
 * slow (its REST client's connect and read timeouts, application.properties, which fail on the caller's Vert.x
 * context where the reactive session must stay) is a 503.
 */
@ApplicationScoped
public class DoctorsClient {

    private final DoctorsApi doctors;
    private final TenantContext tenant;

    public DoctorsClient(@RestClient DoctorsApi doctors, TenantContext tenant) {
        this.doctors = doctors;
        this.tenant = tenant;
    }

    /** The caller's active doctor profile; a doctor-role user without one is refused (403). */
    public Uni<DoctorsApi.Doctor> callerDoctor() {
        long clinicId = tenant.clinicId();
        return doctors.me(clinicId)
                .onFailure(failure -> Downstream.status(failure) == 404)
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

    /**
     * The visit, which must be the patient's and not another doctor's (unassigned or the
     * caller's own); 400 naming {@code visit} otherwise.
     */
    public Uni<DoctorsApi.Visit> visitOf(long visitId, long patientId, long doctorId) {
        long clinicId = tenant.clinicId();
        return doctors.visit(clinicId, visitId)
                .onFailure(failure -> Downstream.status(failure) == 404)
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
     * A consultation for a waiting visit moves it to {@code in_consultation}; one already there stays; any other
     * state is a 409 (API.md §3). Forward only and safe to repeat: when the move is refused because the visit is
     * already in consultation (an earlier attempt of this request that timed out after doctors-service committed, or
     * a concurrent one), the visit is read again and, still the caller's, accepted as it is.
     */
    public Uni<DoctorsApi.Visit> startVisit(DoctorsApi.Visit visit, long doctorId) {
        return switch (visit.status()) {
            case "in_consultation" -> Uni.createFrom().item(visit);
            case "checked_in" ->
                doctors.transition(tenant.clinicId(), visit.id(), new DoctorsApi.Transition("in_consultation"))
                        .replaceWith(visit)
                        .onFailure(failure -> Downstream.status(failure) == 409)
                        .recoverWithUni(conflict -> visitOf(visit.id(), visit.patient(), doctorId)
                                .map(now -> {
                                    if (!"in_consultation".equals(now.status())) {
                                        throw new Conflict("A consultation cannot be recorded for a visit that is "
                                                + now.status() + ".");
                                    }
                                    return now;
                                }))
                        .onFailure(failure -> !(failure instanceof Conflict || failure instanceof InvalidRequest))
                        .transform(failure -> Downstream.translate(failure, "doctors service"));
            default ->
                Uni.createFrom()
                        .failure(new Conflict(
                                "A consultation cannot be recorded for a visit that is " + visit.status() + "."));
        };
    }
}
