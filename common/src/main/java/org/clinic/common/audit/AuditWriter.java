package org.clinic.common.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Collection;
import org.clinic.common.tenancy.TenantContext;
import org.jboss.logging.MDC;

/**
 * Writes an audit event in the caller's transaction: call it inside the same
 * {@code @WithTransaction} as the change, so the event and the change commit or roll back
 * together.
 */
@ApplicationScoped
public class AuditWriter {

    private final TenantContext tenant;
    private final Clock clock;

    public AuditWriter(TenantContext tenant) {
        this.tenant = tenant;
        this.clock = Clock.systemUTC();
    }

    /** An event in the request's clinic, by the request's caller. */
    public Uni<Void> record(String action, String resourceType, Long resourceId, Collection<String> changes) {
        return record(tenant.clinicId(), tenant.userId(), tenant.role(), action, resourceType, resourceId, changes);
    }

    /** An event whose clinic and actor the caller names (logins, platform-level changes). */
    public Uni<Void> record(
            Long clinicId,
            Long actorId,
            String actorRole,
            String action,
            String resourceType,
            Long resourceId,
            Collection<String> changes) {
        AuditEvent event = new AuditEvent();
        event.clinicId = clinicId;
        event.actorId = actorId;
        event.actorRole = actorRole;
        event.action = action;
        event.resourceType = resourceType;
        event.resourceId = resourceId;
        Object requestId = MDC.get("request_id");
        event.requestId = requestId == null ? null : requestId.toString();
        event.at = clock.instant();
        event.changes = changes == null ? null : changes.toArray(String[]::new);
        return Panache.getSession().chain(s -> s.persist(event)).replaceWithVoid();
    }
}
