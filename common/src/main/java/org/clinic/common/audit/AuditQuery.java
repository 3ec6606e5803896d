package org.clinic.common.audit;

import java.time.Instant;
import java.util.Set;

/** The filters of {@code audit-events/} (API.md §3), already validated; instants inclusive. */
public record AuditQuery(
        Long actor, String resourceType, Long resourceId, String action, Instant from, Instant to, int limit) {

    public static final Set<String> ACTIONS = Set.of(
            "create",
            "update",
            "delete",
            "check_in",
            "transition",
            "login",
            "login_failed",
            "read_phi",
            "export",
            "download");
    public static final Set<String> RESOURCE_TYPES = Set.of(
            "clinic", "user", "patient", "doctor", "visit", "consultation", "prescription", "test_report", "export");

    /** The most events one part may be asked for: page × page_size of the merged list. */
    public static final int MAX_LIMIT = 10_000;
}
