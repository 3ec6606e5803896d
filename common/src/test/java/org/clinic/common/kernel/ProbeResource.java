package org.clinic.common.kernel;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.clinic.common.audit.AuditWriter;
import org.clinic.common.error.Conflict;
import org.clinic.common.pagination.PageRequest;
import org.clinic.common.persistence.Where;
import org.clinic.common.tenancy.TenantContext;
import org.clinic.common.web.Envelope;
import org.clinic.common.web.PagedEnvelope;
import org.clinic.common.web.Responses;
import org.jboss.resteasy.reactive.RestResponse;

/** Test-only endpoints over {@link Probe} that drive every kernel mechanism through HTTP. */
@Path("/api/v1/clinics/{clinic_id}/probes")
public class ProbeResource {

    public record Item(@NotBlank String label, @Positive int quantity) {}

    public record CreateProbeRequest(
            @NotBlank @Size(max = 100) String name,
            @Positive int quantity,
            @Valid List<Item> items) {}

    public record ProbeResponse(Long id, Long clinicId, String name, int quantity) {
        static ProbeResponse of(Probe p) {
            return new ProbeResponse(p.id, p.getClinicId(), p.name, p.quantity);
        }
    }

    private final ProbeRepository probes;
    private final AuditWriter audit;
    private final TenantContext tenant;
    private final org.clinic.common.idempotency.Idempotency idempotency;

    private final org.clinic.common.persistence.ClinicTransactions transactions;

    ProbeResource(
            ProbeRepository probes,
            AuditWriter audit,
            TenantContext tenant,
            org.clinic.common.idempotency.Idempotency idempotency,
            org.clinic.common.persistence.ClinicTransactions transactions) {
        this.transactions = transactions;
        this.idempotency = idempotency;
        this.probes = probes;
        this.audit = audit;
        this.tenant = tenant;
    }

    @GET
    @Path("/")
    @WithSession
    public Uni<PagedEnvelope<ProbeResponse>> list(@Context UriInfo uri) {
        PageRequest page = PageRequest.from(uri);
        return probes.page(Where.all(), "id", page)
                .map(p -> p.map(ProbeResponse::of).envelope("Probes", uri));
    }

    @POST
    @Path("/")
    @Consumes(MediaType.APPLICATION_JSON)
    @WithTransaction
    public Uni<RestResponse<Envelope<ProbeResponse>>> create(
            @NotNull @Valid CreateProbeRequest request, @Context UriInfo uri) {
        Probe probe = new Probe();
        probe.name = request.name();
        probe.quantity = request.quantity();
        return probes.persist(probe)
                .call(p -> audit.record("create", "probe", p.id, List.of("name", "quantity")))
                .map(p -> Responses.created(Responses.childOf(uri, p.id), "Probe created", ProbeResponse.of(p)));
    }

    @GET
    @Path("/{id}")
    @WithSession
    public Uni<RestResponse<Envelope<ProbeResponse>>> get(@PathParam("id") long id) {
        return probes.findOwnedOrThrow(id, "Probe not found.")
                .map(p -> Responses.tagged("Probe", ProbeResponse.of(p), p.version));
    }

    /** A statement that runs for {@code seconds}: past the statement timeout it is cancelled (issue 26). */
    @GET
    @Path("/slow/{seconds}")
    public Uni<RestResponse<Envelope<String>>> slow(@PathParam("seconds") int seconds) {
        return transactions
                .run(() -> io.quarkus.hibernate.reactive.panache.Panache.getSession()
                        .chain(session -> session.createNativeQuery("select cast(pg_sleep(:s) as text)", String.class)
                                .setParameter("s", seconds)
                                .getSingleResult()))
                .map(slept -> RestResponse.ok(Envelope.ok("Slept", "done")));
    }

    /** Writes an audit event, then fails: the event must roll back with the transaction. */
    @POST
    @Path("/{id}/fail")
    @WithTransaction
    public Uni<Void> failAfterAudit(@PathParam("id") long id) {
        return probes.findOwnedOrThrow(id, "Probe not found.")
                .call(p -> audit.record("update", "probe", p.id, List.of("name")))
                .invoke(p -> {
                    throw new Conflict("Probe is in a state that forbids this.");
                })
                .replaceWithVoid();
    }

    /** Idempotent create that fails inside its work when the name is "fail". */
    @POST
    @Path("/idempotent")
    public Uni<jakarta.ws.rs.core.Response> idempotentCreate(
            @NotNull @Valid CreateProbeRequest request,
            @Context UriInfo uri,
            @jakarta.ws.rs.HeaderParam(org.clinic.common.idempotency.Idempotency.HEADER) String key) {
        return idempotency.run(
                key,
                "probe",
                request,
                () -> "fail".equals(request.name())
                        ? Uni.createFrom().failure(new Conflict("Refused inside the work."))
                        : Panache.withTransaction(() -> {
                                    Probe probe = new Probe();
                                    probe.name = request.name();
                                    probe.quantity = request.quantity();
                                    return probes.persist(probe);
                                })
                                .map(p -> Responses.created(
                                        Responses.childOf(uri, p.id), "Probe created", ProbeResponse.of(p))));
    }

    /**
     * Audits an event for {@code other} clinic inside the request clinic's transaction, then answers the clinic the
     * transaction is in (the gateway's identity writes do this: a login's event names the user's clinic).
     */
    @POST
    @Path("/audit-elsewhere/{other}")
    public Uni<Envelope<String>> auditElsewhere(@PathParam("other") long other) {
        return transactions.run(() -> audit.record(other, tenant.userId(), "admin", "update", "probe", null, null)
                .chain(() -> Panache.getSession())
                .chain(org.clinic.common.persistence.ClinicTransactions::currentClinic)
                .map(clinic -> Envelope.ok("Clinic", clinic)));
    }

    @GET
    @Path("/whoami")
    public Envelope<String> whoami() {
        return Envelope.ok("Caller", tenant.clinicId() + ":" + tenant.userId() + ":" + tenant.role());
    }

    @POST
    @Path("/open")
    @PermitAll
    public Envelope<String> open() {
        return Envelope.ok("Open", "anyone");
    }
}
