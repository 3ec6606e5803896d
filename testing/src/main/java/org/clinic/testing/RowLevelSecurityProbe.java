package org.clinic.testing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import java.util.function.Supplier;
import org.hibernate.JDBCException;

/**
 * Test-only: runs the statement {@link RowLevelSecurityContract} sends, through the run-time datasource of the
 * service under test (its connecting role, its pool). {@code scoped}: in a transaction that first tells PostgreSQL the
 * path's clinic, as {@code ClinicTransactions} does (the tenant filter has checked the path against the token);
 * otherwise in one that tells it nothing. Part of every service's test application through
 * {@code %test.quarkus.index-dependency.testing.*}; never in a built service (this module is test scope).
 */
@Path("/api/v1/clinics/{clinic_id}/rls-probe")
public class RowLevelSecurityProbe {

    public record ProbeRequest(String sql, boolean scoped) {}

    public record ProbeAnswer(List<String> values, Integer updated, String sqlstate) {}

    @POST
    public Uni<ProbeAnswer> run(@PathParam("clinic_id") long clinicId, ProbeRequest request) {
        Supplier<Uni<ProbeAnswer>> work = () -> Panache.getSession()
                .chain(s -> request.sql().startsWith("select")
                        ? s.createNativeQuery(request.sql())
                                .getResultList()
                                .map(rows -> new ProbeAnswer(
                                        rows.stream().map(String::valueOf).toList(), null, null))
                        : s.createNativeQuery(request.sql())
                                .executeUpdate()
                                .map(n -> new ProbeAnswer(List.of(), n, null)));
        Uni<ProbeAnswer> answer = Panache.withTransaction(() -> request.scoped()
                ? Panache.getSession()
                        .chain(s -> s.createNativeQuery("select set_config('app.clinic_id', :clinic, true)")
                                .setParameter("clinic", Long.toString(clinicId))
                                .getSingleResult())
                        .chain(set -> work.get())
                : work.get());
        return answer.onFailure().recoverWithItem(e -> new ProbeAnswer(List.of(), null, sqlState(e)));
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PgException pg) {
                return pg.getSqlState();
            }
            if (t instanceof JDBCException jdbc && jdbc.getSQLState() != null) {
                return jdbc.getSQLState();
            }
        }
        return "not a database error: " + e;
    }
}
