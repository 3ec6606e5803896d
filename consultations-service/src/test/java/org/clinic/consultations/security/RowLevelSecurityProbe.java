package org.clinic.consultations.security;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.util.List;
import java.util.function.Supplier;
import org.clinic.common.persistence.ClinicTransactions;
import org.hibernate.JDBCException;

/** Test-only: runs the statement RowLevelSecurityContract sends, through this service's run-time datasource. */
@Path("/api/v1/clinics/{clinic_id}/rls-probe")
public class RowLevelSecurityProbe {

    public record ProbeRequest(String sql, boolean scoped) {}

    public record ProbeAnswer(List<String> values, Integer updated, String sqlstate) {}

    private final ClinicTransactions transactions;

    RowLevelSecurityProbe(ClinicTransactions transactions) {
        this.transactions = transactions;
    }

    @POST
    public Uni<ProbeAnswer> run(ProbeRequest request) {
        Supplier<Uni<ProbeAnswer>> work = () -> Panache.getSession()
                .chain(s -> request.sql().startsWith("select")
                        ? s.createNativeQuery(request.sql())
                                .getResultList()
                                .map(rows -> new ProbeAnswer(
                                        rows.stream().map(String::valueOf).toList(), null, null))
                        : s.createNativeQuery(request.sql())
                                .executeUpdate()
                                .map(n -> new ProbeAnswer(List.of(), n, null)));
        Uni<ProbeAnswer> answer = request.scoped() ? transactions.run(work) : Panache.withTransaction(work);
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
