package org.clinic.common.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import org.clinic.common.persistence.ClinicTransactions;
import org.clinic.common.persistence.NotTenantScoped;
import org.clinic.common.persistence.WriteStep;
import org.clinic.common.tenancy.TenantContext;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.MDC;

/**
 * Writes an audit event in the caller's transaction: call it inside the same transaction as
 * the change ({@code ClinicTransactions.run}), so the event and the change commit or roll back
 * together.
 */
@ApplicationScoped
@NotTenantScoped("the event's clinic is the request's, or one the caller names and sets for the insert alone")
public class AuditWriter {

    private final TenantContext tenant;
    private final Clock clock;

    public AuditWriter(TenantContext tenant, Clock clock) {
        this.tenant = tenant;
        this.clock = clock;
    }

    /**
     * An event in the request's clinic, by the request's caller, in a transaction opened by
     * {@code ClinicTransactions.run}, which has told the database that clinic already.
     */
    public Uni<Void> record(String action, String resourceType, Long resourceId, Collection<String> changes) {
        AuditEvent event =
                event(tenant.clinicId(), tenant.userId(), tenant.role(), action, resourceType, resourceId, changes);
        return Panache.getSession().chain(s -> s.persist(event)).replaceWithVoid();
    }

    /**
     * The end of an audited change of one record the caller has loaded and changed in memory ({@code changes}): when
     * they changed nothing, {@code record} as it is (no write, no event); else {@code stamp} (its {@code updated_at}),
     * the flush that writes it (its version refuses a concurrent writer: a 409) and the event {@code action} naming
     * the changed fields, in the caller's transaction.
     */
    public <R> Uni<R> changed(
            R record, ChangeSet changes, Runnable stamp, String action, String resourceType, Long resourceId) {
        if (changes.isEmpty()) {
            return Uni.createFrom().item(record);
        }
        return written(record, stamp, action, resourceType, resourceId, changes.fields());
    }

    /** A soft delete: {@code stamp} (its {@code deleted_at}), the flush and the event {@code delete}, naming no field. */
    public <R> Uni<R> deleted(R record, Runnable stamp, String resourceType, Long resourceId) {
        return written(record, stamp, "delete", resourceType, resourceId, List.of());
    }

    private <R> Uni<R> written(
            R record, Runnable stamp, String action, String resourceType, Long resourceId, Collection<String> fields) {
        stamp.run();
        return Panache.getSession()
                .chain(Mutiny.Session::flush)
                .chain(() -> record(action, resourceType, resourceId, fields))
                .replaceWith(record);
    }

    /**
     * {@link #record(String, String, Long, Collection)} as a step of a statement that writes several tables at once
     * (TenantScopedRepository.nativeWrite): the same event, in the request's clinic, by the request's caller.
     */
    public WriteStep step(String action, String resourceType, Long resourceId, Collection<String> changes) {
        AuditEvent event =
                event(tenant.clinicId(), tenant.userId(), tenant.role(), action, resourceType, resourceId, changes);
        return WriteStep.of(
                        "audit",
                        "insert into audit_event (clinic_id, actor_id, actor_role, action, resource_type, resource_id,"
                                + " request_id, at, changes) values (:clinicId, :auditActor, :auditRole, :auditAction,"
                                + " :auditType, :auditResource, :auditRequest, :auditAt,"
                                + " string_to_array(:auditChanges, ','))")
                .with("auditActor", event.actorId)
                .with("auditRole", event.actorRole)
                .with("auditAction", event.action)
                .with("auditType", event.resourceType)
                .with("auditResource", event.resourceId)
                .with("auditRequest", event.requestId)
                .with("auditAt", event.at)
                // field names, never with a comma
                .with("auditChanges", event.changes == null ? null : String.join(",", event.changes));
    }

    /**
     * An event whose clinic and actor the caller names (logins, a new clinic: the gateway's identity
     * transactions). The database is told the event's clinic for its insert, since row-level security checks it,
     * and then the clinic the caller's transaction had before (none: none again): whatever the caller does next
     * in the transaction is still in its own clinic.
     */
    public Uni<Void> record(
            Long clinicId,
            Long actorId,
            String actorRole,
            String action,
            String resourceType,
            Long resourceId,
            Collection<String> changes) {
        AuditEvent event = event(clinicId, actorId, actorRole, action, resourceType, resourceId, changes);
        // the caller's pending changes are written first, under the caller's clinic: flushed after the switch,
        // row-level security would judge them by the event's
        return Panache.getSession()
                .chain(s -> s.flush()
                        .chain(() -> ClinicTransactions.currentClinic(s))
                        .chain(callers -> ClinicTransactions.setClinic(s, clinicId)
                                .chain(() -> s.persist(event))
                                .chain(s::flush)
                                .chain(() -> ClinicTransactions.setClinic(s, callers))))
                .replaceWithVoid();
    }

    private AuditEvent event(
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
        return event;
    }
}
