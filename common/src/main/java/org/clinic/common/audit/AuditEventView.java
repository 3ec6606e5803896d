package org.clinic.common.audit;

import java.time.Instant;
import java.util.List;

/** An audit event as the API shows it (API.md §3 "Audit"). */
public record AuditEventView(
        long id,
        Long clinicId,
        Long actorId,
        String actorRole,
        String action,
        String resourceType,
        Long resourceId,
        String requestId,
        Instant at,
        List<String> changes) {

    static AuditEventView of(AuditEvent e) {
        return new AuditEventView(
                e.id,
                e.clinicId,
                e.actorId,
                e.actorRole,
                e.action,
                e.resourceType,
                e.resourceId,
                e.requestId,
                e.at,
                e.changes == null ? List.of() : List.of(e.changes));
    }

    /** Newest first; equal instants by id, newest first: one order across every service. */
    public static int newestFirst(AuditEventView a, AuditEventView b) {
        int byTime = b.at().compareTo(a.at());
        return byTime != 0 ? byTime : Long.compare(b.id(), a.id());
    }
}
