package org.clinic.doctors.visit;

import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import org.clinic.common.persistence.TenantScopedRepository;
import org.clinic.common.persistence.Where;
import org.clinic.common.persistence.WriteStep;
import org.clinic.common.tenancy.TenantContext;

/** A clinic's visit histories: written in the transaction of each change, read in the order they happened. */
@Singleton
class VisitHistory extends TenantScopedRepository<VisitChange> {

    VisitHistory(TenantContext tenant) {
        super(VisitChange.class, tenant);
    }

    /** {@link #note} when {@code changed}; nothing otherwise (a PATCH or a start notes only what it changed). */
    Uni<Void> noteIf(boolean changed, Visit visit, String kind, Object from, Object to, String reason, Instant at) {
        return changed
                ? note(visit, kind, from, to, reason, at)
                : Uni.createFrom().voidItem();
    }

    /** Notes a change of {@code visit} by the caller, in the caller's transaction. */
    Uni<Void> note(Visit visit, String kind, Object from, Object to, String reason, Instant at) {
        VisitChange change = new VisitChange();
        change.visitId = visit.id;
        change.at = at;
        change.actorId = tenant.userId();
        change.actorRole = tenant.role();
        change.kind = kind;
        change.from = from == null ? null : from.toString();
        change.to = to == null ? null : to.toString();
        change.reason = reason;
        return persist(change).replaceWithVoid();
    }

    /**
     * {@link #note} as a step of a statement that writes several tables at once (VisitRepository.checkIn): the same
     * row, for a visit whose id is already known.
     */
    WriteStep noteStep(Visit visit, String kind, Object from, Object to, String reason, Instant at) {
        return WriteStep.of(
                        "history",
                        "insert into visit_history (clinic_id, visit_id, at, actor_id, actor_role, kind, from_value,"
                                + " to_value, reason) values (:clinicId, :historyVisit, :historyAt, :historyActor,"
                                + " :historyRole, :historyKind, :historyFrom, :historyTo, :historyReason)")
                .with("historyVisit", visit.id)
                .with("historyAt", at)
                .with("historyActor", tenant.userId())
                .with("historyRole", tenant.role())
                .with("historyKind", kind)
                .with("historyFrom", from == null ? null : from.toString())
                .with("historyTo", to == null ? null : to.toString())
                .with("historyReason", reason);
    }

    Uni<List<VisitChange>> of(long visitId) {
        return list(Where.of("visitId = :visit", "visit", visitId), "id");
    }
}
