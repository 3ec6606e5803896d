package org.clinic.common.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clinic.common.persistence.ClinicTransactions;
import org.clinic.common.persistence.NotTenantScoped;

/**
 * Reads this process's audit events of one clinic (the clinic is always the first condition),
 * newest first by {@code (at, id)}, for the gateway to merge with the other services'.
 */
@ApplicationScoped
@NotTenantScoped("the clinic is passed explicitly and is always the first condition of both statements")
public class AuditEvents {

    private final ClinicTransactions transactions;

    public AuditEvents(ClinicTransactions transactions) {
        this.transactions = transactions;
    }

    public Uni<LocalAuditPage> list(long clinicId, AuditQuery query) {
        StringBuilder where = new StringBuilder("clinicId = :clinic");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("clinic", clinicId);
        if (query.actor() != null) {
            where.append(" and actorId = :actor");
            params.put("actor", query.actor());
        }
        if (query.resourceType() != null) {
            where.append(" and resourceType = :type");
            params.put("type", query.resourceType());
        }
        if (query.resourceId() != null) {
            where.append(" and resourceId = :resource");
            params.put("resource", query.resourceId());
        }
        if (query.action() != null) {
            where.append(" and action = :action");
            params.put("action", query.action());
        }
        if (query.from() != null) {
            where.append(" and at >= :from");
            params.put("from", query.from());
        }
        if (query.to() != null) {
            where.append(" and at <= :to");
            params.put("to", query.to());
        }
        String condition = where.toString();
        return transactions.run(clinicId, () -> Panache.getSession().chain(session -> {
            var count = session.createSelectionQuery("select count(*) from AuditEvent where " + condition, Long.class);
            var events = session.createSelectionQuery(
                            "from AuditEvent where " + condition + " order by at desc, id desc", AuditEvent.class)
                    .setMaxResults(query.limit());
            params.forEach((name, value) -> {
                count.setParameter(name, value);
                events.setParameter(name, value);
            });
            return count.getSingleResult().chain(total -> events.getResultList().map(rows -> {
                List<AuditEventView> views = new ArrayList<>(rows.size());
                rows.forEach(row -> views.add(AuditEventView.of(row)));
                return new LocalAuditPage(total, views);
            }));
        }));
    }
}
