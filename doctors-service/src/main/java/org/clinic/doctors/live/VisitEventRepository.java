package org.clinic.doctors.live;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
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
     * The clinic's next event id, taken in the caller's transaction: the counter row stays locked until commit,
     * so the clinic's events commit in id order.
     */
    Uni<Long> nextId() {
        return nativeNumber(
                "insert into visit_event_counter (clinic_id, last_id) values (:clinicId, 1) "
                        + "on conflict (clinic_id) do update set last_id = visit_event_counter.last_id + 1 "
                        + "returning last_id",
                Map.of());
    }

    /** The clinic's latest event id as this transaction sees it (0 before the first). */
    Uni<Long> latestId() {
        return nativeNumber(
                "select coalesce((select last_id from visit_event_counter where clinic_id = :clinicId), 0)", Map.of());
    }

    /** Wakes every replica's listener at commit (nothing is sent if the transaction rolls back). */
    Uni<Long> notifyListeners() {
        return nativeNumber(
                "select count(*) from (select pg_notify('" + LiveVisits.CHANNEL + "', :payload)) n"
                        + " where cast(:clinicId as bigint) > 0",
                Map.of("payload", String.valueOf(tenant.clinicId())));
    }
}
