package org.clinic.doctors.live;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import org.clinic.common.persistence.TenantScopedRepository;
import org.clinic.common.tenancy.TenantContext;

/** The request's clinic's visit events (write side, and the latest id a list answers with). */
@Singleton
class VisitEventRepository extends TenantScopedRepository<VisitEvent> {

    VisitEventRepository(TenantContext tenant) {
        super(VisitEvent.class, tenant);
    }

    /**
     * Appends the clinic's next event in one statement: its id comes from the clinic's counter row, which stays
     * locked until the caller's transaction commits, so the clinic's events commit in id order; the insert's
     * trigger (V6) wakes every replica's listener at commit (nothing is sent if the transaction rolls back).
     * Returns the event id.
     */
    Uni<Long> append(String type, long visitId, Long doctorId, Long previousDoctorId, String payload, Instant at) {
        return nativeNumber(
                "with next as (insert into visit_event_counter (clinic_id, last_id) values (:clinicId, 1)"
                        + " on conflict (clinic_id) do update set last_id = visit_event_counter.last_id + 1"
                        + " returning last_id)"
                        + " insert into visit_event (clinic_id, event_id, type, visit_id, doctor_id, previous_doctor_id,"
                        + " payload, at) select :clinicId, last_id, :type, :visit, nullif(:doctor, 0),"
                        + " nullif(:previous, 0), :payload, :at from next"
                        + " returning event_id",
                Map.of(
                        "type", type,
                        "visit", visitId,
                        "doctor", doctorId == null ? 0L : doctorId,
                        "previous", previousDoctorId == null ? 0L : previousDoctorId,
                        "payload", payload,
                        "at", at));
    }

    /** The clinic's latest event id as this transaction sees it (0 before the first). */
    Uni<Long> latestId() {
        return nativeNumber(
                "select coalesce((select last_id from visit_event_counter where clinic_id = :clinicId), 0)", Map.of());
    }
}
