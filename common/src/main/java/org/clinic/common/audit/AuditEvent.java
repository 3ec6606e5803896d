package org.clinic.common.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.clinic.common.persistence.NotTenantScoped;

/**
 * One audit event (API.md §3 "Audit"). Each service keeps its own table; ids come from a
 * sequence stepped by the number of services with a per-service offset, so an id is unique
 * within the install. {@code changes} names fields, never their values (no PHI).
 */
@Entity
@Table(name = "audit_event")
@NotTenantScoped("an event carries the clinic it was made for, or none for a platform event (a superuser's login):"
        + " written only by AuditWriter, read only by AuditEvents with the clinic as first condition; row-level security"
        + " holds both")
public class AuditEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "clinic_id", updatable = false)
    public Long clinicId;

    @Column(name = "actor_id", updatable = false)
    public Long actorId;

    @Column(name = "actor_role", updatable = false)
    public String actorRole;

    @Column(nullable = false, updatable = false)
    public String action;

    @Column(name = "resource_type", nullable = false, updatable = false)
    public String resourceType;

    @Column(name = "resource_id", updatable = false)
    public Long resourceId;

    @Column(name = "request_id", updatable = false)
    public String requestId;

    @Column(nullable = false, updatable = false)
    public Instant at;

    @Column(updatable = false)
    public String[] changes;
}
