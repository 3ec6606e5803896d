package org.clinic.doctors.visit;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.clinic.common.tenancy.Roles;
import org.clinic.common.web.Envelope;
import org.clinic.doctors.doctor.DoctorResponse;

/** {@code doctors/{id}/queue/}: a doctor's waiting visits in check-in order (API.md §3). */
@Path("/api/v1/clinics/{clinic_id}/doctors/{id}/queue")
public class QueueResource {

    public record QueueResponse(DoctorResponse doctor, List<VisitResponse> queue, int queueCount) {}

    private final VisitService visits;

    QueueResource(VisitService visits) {
        this.visits = visits;
    }

    @GET
    @RolesAllowed({Roles.SUPERUSER, Roles.ADMIN, Roles.DOCTOR, Roles.RECEPTIONIST})
    public Uni<Envelope<QueueResponse>> getDoctorQueue(@PathParam("id") long doctorId) {
        return visits.queue(doctorId).map(q -> {
            List<VisitResponse> waiting =
                    q.waiting().stream().map(VisitResponse::of).toList();
            return Envelope.ok(
                    "Queue retrieved successfully",
                    new QueueResponse(DoctorResponse.of(q.doctor()), waiting, waiting.size()));
        });
    }
}
