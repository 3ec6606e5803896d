package org.clinic.common.persistence;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Singleton;
import java.util.function.Function;
import java.util.function.Supplier;
import org.clinic.common.config.DatabaseSettings;
import org.clinic.common.tenancy.TenantContext;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * The one way feature code opens a transaction: reads as well as writes run in a transaction
 * whose first statement tells PostgreSQL the clinic ({@code set_config('app.clinic_id', …, true)},
 * transaction-local, on the connection that then runs the work). The row-level-security policies
 * of every clinic table compare {@code clinic_id} with that setting, so even a statement that
 * forgot its clinic condition sees and writes only this clinic's rows, and with no clinic set it
 * sees none (docs/security/tenant-isolation.md).
 *
 * <p>The setting is never a session-level {@code SET}: a pooled connection carries nothing from
 * one transaction to the next.
 */
@Singleton
@NotTenantScoped("the one place transactions are opened: each is told its clinic first")
public class ClinicTransactions {

    /**
     * HQL rather than a native query: Hibernate caches a native select's plan under a key that is new for every
     * query object, so a native statement per request fills the plan cache with colliding keys (a profile showed
     * 10 % of a read's CPU in that cache's lookups); an HQL string is one cache entry.
     */
    static final String SET_CLINIC = "select function('set_config', 'app.clinic_id', :clinic, true)";

    static final String CURRENT_CLINIC = "select function('current_setting', 'app.clinic_id', true)";

    /**
     * The clinic and the transaction's statement timeout, in one statement (issue 26: no request makes a service scan
     * without bound; transaction-local like the clinic, so a pooled connection carries neither further).
     */
    static final String SET_CLINIC_AND_TIMEOUT = "select function('set_config', 'app.clinic_id', :clinic, true),"
            + " function('set_config', 'statement_timeout', :timeout, true)";

    private final TenantContext tenant;
    private final String statementTimeout;

    public ClinicTransactions(TenantContext tenant, DatabaseSettings database) {
        this.tenant = tenant;
        this.statementTimeout = Long.toString(database.statementTimeout().toMillis());
    }

    /** Runs {@code work} in one transaction of the request's clinic (403 when there is none). */
    public <T> Uni<T> run(Supplier<Uni<T>> work) {
        long clinic;
        try {
            clinic = tenant.clinicId();
        } catch (RuntimeException e) {
            return Uni.createFrom().failure(e);
        }
        return run(clinic, work);
    }

    /**
     * Runs {@code work} in one transaction of the named clinic: for the kernel's own records,
     * which carry the clinic they were created for (idempotency keys, audit reads), and for tests.
     * Joining a transaction already open for this clinic is harmless; feature code uses {@link #run(Supplier)}.
     */
    public <T> Uni<T> run(long clinicId, Supplier<Uni<T>> work) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createSelectionQuery(SET_CLINIC_AND_TIMEOUT, Object[].class)
                        .setParameter("clinic", Long.toString(clinicId))
                        .setParameter("timeout", statementTimeout)
                        .getSingleResult())
                .chain(() -> work.get()));
    }

    /**
     * As {@link #run(long, Supplier)}, in a {@code REPEATABLE READ} transaction: every statement of {@code work} reads
     * the one snapshot its first read took, whatever commits meanwhile (a clinic's export file, API.md §9: one
     * consistent picture of a resource however many pages it is read in). PostgreSQL takes the isolation level only
     * as the transaction's first statement, so it comes before the clinic.
     */
    public <T> Uni<T> snapshot(long clinicId, Supplier<Uni<T>> work) {
        return Panache.withTransaction(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("set transaction isolation level repeatable read")
                        .executeUpdate()
                        .chain(() -> session.createSelectionQuery(SET_CLINIC_AND_TIMEOUT, Object[].class)
                                .setParameter("clinic", Long.toString(clinicId))
                                .setParameter("timeout", statementTimeout)
                                .getSingleResult()))
                .chain(() -> work.get()));
    }

    /**
     * Runs {@code work} in one transaction of {@code clinicId} on a plain connection of {@code pool}, for the few
     * readers and writers that run outside a request or outside Hibernate (live streams, the gateway's edge): its
     * first statement tells PostgreSQL the clinic and the statement timeout, transaction-local, as
     * {@link #run(long, Supplier)} does.
     */
    public <T> Uni<T> onPool(Pool pool, long clinicId, Function<SqlConnection, Uni<T>> work) {
        // and the statement timeout, as for a request's transaction: a live read is bounded work too (issue 26)
        return pool.withTransaction(connection -> connection
                .preparedQuery(
                        "select set_config('app.clinic_id', $1, true), set_config('statement_timeout', $2, true)")
                .execute(Tuple.of(Long.toString(clinicId), statementTimeout))
                .chain(() -> work.apply(connection)));
    }

    /**
     * Tells the database the clinic of the session's current transaction (null: none, a platform-level
     * statement). For the kernel's writers that name a clinic other than the request's; feature code uses
     * {@link #run(Supplier)}.
     */
    public static Uni<Void> setClinic(Mutiny.Session session, String clinicId) {
        return session.createSelectionQuery(SET_CLINIC, String.class)
                .setParameter("clinic", clinicId == null ? "" : clinicId)
                .getSingleResult()
                .replaceWithVoid();
    }

    /** The clinic the session's current transaction has told the database ({@code ""} or null: none). */
    public static Uni<String> currentClinic(Mutiny.Session session) {
        return session.createSelectionQuery(CURRENT_CLINIC, String.class).getSingleResult();
    }

    public static Uni<Void> setClinic(Mutiny.Session session, Long clinicId) {
        return session.createSelectionQuery(SET_CLINIC, String.class)
                .setParameter("clinic", clinicId == null ? "" : clinicId.toString())
                .getSingleResult()
                .replaceWithVoid();
    }
}
