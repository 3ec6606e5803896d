package org.clinic.gateway.edge;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.clinic.common.persistence.ClinicTransactions;
import org.clinic.common.persistence.NotTenantScoped;

/**
 * API.md §3 "Audit": every read a superuser makes inside a clinic is recorded as {@code read_phi},
 * before the read is answered ({@link Admission} calls {@link #record}, for the routes the gateway forwards and for its
 * own). Writes are audited by whoever makes the change, as the change's own event. The event names the kind of record
 * read and its id when the path has one ({@code patients/42/medical_history/} → patient 42), else the clinic
 * ({@link Routes#readTarget}).
 */
@ApplicationScoped
@NotTenantScoped("the edge has no Hibernate session: the event's clinic is passed explicitly and set first")
public class SuperuserReads {

    private final Pool pool;
    private final Clock clock;
    private final ClinicTransactions transactions;

    public SuperuserReads(Pool pool, Clock clock, ClinicTransactions transactions) {
        this.pool = pool;
        this.clock = clock;
        this.transactions = transactions;
    }

    /** One {@code read_phi} event in the gateway's audit table. */
    public Uni<Void> record(long clinicId, long superuserId, String path, String requestId) {
        Routes.ReadTarget target = Routes.readTarget(clinicId, path);
        String resourceType = target.type();
        Long resourceId = target.id();
        // a transaction of the event's clinic (row-level security checks it on insert), on the edge's plain pool:
        // the read it audits is forwarded outside the REST layer, with no Hibernate session
        return transactions
                .onPool(pool, clinicId, connection -> connection
                        .preparedQuery(
                                "INSERT INTO audit_event (clinic_id, actor_id, actor_role, action, resource_type,"
                                        + " resource_id, request_id, at) VALUES ($1, $2, 'superuser', 'read_phi', $3, $4, $5, $6)")
                        .execute(Tuple.of(
                                clinicId,
                                superuserId,
                                resourceType,
                                resourceId,
                                requestId,
                                clock.instant().atOffset(java.time.ZoneOffset.UTC))))
                .replaceWithVoid();
    }
}
