package org.clinic.common.kernel;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.clinic.common.persistence.ClinicTransactions;
import org.clinic.common.persistence.NotTenantScoped;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.common.web.Envelope;
import org.jboss.resteasy.reactive.RestResponse;

/** A reader on a plain pool, as live streams and the gateway's edge read (ClinicTransactions.onPool). */
@Path("/api/v1/clinics/{clinic_id}/probes/pool")
@NotTenantScoped("test probe of ClinicTransactions.onPool: the request's clinic is passed and set first")
public class PoolProbeResource {

    private final Pool pool;
    private final ClinicTransactions transactions;
    private final TenantContext tenant;

    PoolProbeResource(Pool pool, ClinicTransactions transactions, TenantContext tenant) {
        this.pool = pool;
        this.transactions = transactions;
        this.tenant = tenant;
    }

    @GET
    @Path("/slow/{seconds}")
    public Uni<RestResponse<Envelope<String>>> slow(@PathParam("seconds") int seconds) {
        return transactions
                .onPool(pool, tenant.clinicId(), connection -> connection
                        .preparedQuery("select cast(pg_sleep($1) as text)")
                        .execute(Tuple.of(seconds)))
                .map(slept -> RestResponse.ok(Envelope.ok("Slept", "done")));
    }

    /** A transaction PostgreSQL breaks as it breaks one of a deadlock's pair, or one it cannot serialise. */
    @GET
    @Path("/broken/{kind}")
    public Uni<RestResponse<Envelope<String>>> broken(@PathParam("kind") String kind) {
        String code = "deadlock".equals(kind) ? "deadlock_detected" : "serialization_failure";
        return transactions
                .onPool(pool, tenant.clinicId(), connection -> connection
                        .query("do $$ begin raise exception 'probe' using errcode = '" + code + "'; end $$")
                        .execute())
                .map(done -> RestResponse.ok(Envelope.ok("Not broken", "done")));
    }
}
