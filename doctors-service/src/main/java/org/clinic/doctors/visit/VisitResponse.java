package org.clinic.doctors.visit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A visit as clients see it (API.md §3). {@code queue_position} is present only in the answer to
 * the visit's creation (check-in needs it); reads leave it out.
 */
public record VisitResponse(
        Long id,
        Long clinicId,
        Long patient,
        String patientName,
        Long assignedDoctor,
        int tokenNumber,
        String purpose,

        @Schema(enumeration = {"checked_in", "in_consultation", "completed", "cancelled", "no_show"})
        String status,

        @Schema(enumeration = {"normal", "urgent", "emergency"})
        String priority,

        Instant checkInDate,
        Long checkedInBy,
        Instant startedAt,
        Instant completedAt,
        @JsonInclude(JsonInclude.Include.NON_NULL) Long queuePosition) {

    public static VisitResponse of(Visit v) {
        return of(v, null);
    }

    public static VisitResponse of(Visit v, Long queuePosition) {
        return new VisitResponse(
                v.id,
                v.getClinicId(),
                v.patientId,
                v.patientName,
                v.assignedDoctorId,
                v.tokenNumber,
                v.purpose,
                v.status,
                v.priority,
                v.checkInDate,
                v.checkedInBy,
                v.startedAt,
                v.completedAt,
                queuePosition);
    }
}
