package org.clinic.common.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import org.clinic.common.export.ExportRow;
import org.clinic.common.export.ExportSource;
import org.clinic.common.persistence.NotTenantScoped;
import org.clinic.common.tenancy.TenantContext;

/**
 * This process's part of a clinic's {@code audit_events} export file (API.md §9): its own events, by id, each as
 * {@code audit-events/} lists it; with {@code since}, those at or after it (an event is never changed). Every process
 * writes its part in its own snapshot; the gateway merges the four parts by id into the one file a download gets
 * (ids are unique within the install: docs/decisions.md §27).
 */
@Singleton
@NotTenantScoped("the clinic is passed explicitly and is the first condition; runs in the export's clinic transaction")
public class AuditEventExport implements ExportSource {

    private final TenantContext tenant;

    public AuditEventExport(TenantContext tenant) {
        this.tenant = tenant;
    }

    @Override
    public String resource() {
        return "audit_events";
    }

    @Override
    public Uni<List<ExportRow>> after(long afterId, Instant since, int limit) {
        String condition = "clinicId = :clinic and id > :after" + (since == null ? "" : " and at >= :since");
        return Panache.getSession().chain(session -> {
            var query = session.createSelectionQuery(
                            "from AuditEvent where " + condition + " order by id", AuditEvent.class)
                    .setParameter("clinic", tenant.clinicId())
                    .setParameter("after", afterId)
                    .setMaxResults(limit);
            if (since != null) {
                query.setParameter("since", since);
            }
            return query.getResultList().map(events -> events.stream()
                    .map(event -> new ExportRow(event.id, AuditEventView.of(event)))
                    .toList());
        });
    }
}
