package org.clinic.common.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.clinic.common.error.Conflict;
import org.clinic.common.error.InvalidRequest;
import org.clinic.common.persistence.ClinicTransactions;
import org.clinic.common.persistence.NativePlans;
import org.clinic.common.persistence.NotTenantScoped;
import org.clinic.common.tenancy.TenantContext;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code Idempotency-Key} on create and check-in (API.md §1). A request's key is claimed, its work done and its answer
 * recorded in <em>one</em> transaction (docs/decisions.md §24): the key's row is committed with the work or not at
 * all, so no crash, timeout or failed write can leave the work done without its answer (a retry that did it again) or
 * an answer without its work. A repeat with the same body within 24 h gets that answer again, byte for byte, without
 * the work being done twice; one that arrives while the first is still in its transaction is a 409 at once (API.md §1;
 * the key's transaction-scoped advisory lock), as is the same key with another body. A request that fails leaves no
 * key behind, so the client can retry.
 *
 * <p>Work that must call another service first does so in {@code prepare}, before the transaction opens: no
 * transaction is held across a call to another service. Rows left {@code in_flight} by a version that claimed in a
 * transaction of its own are honoured during an upgrade: a 409 for a minute, then taken over.
 */
@ApplicationScoped
@NotTenantScoped("a key's row is the request clinic's, read and written in ClinicTransactions of that clinic")
public class Idempotency {

    public static final String HEADER = "Idempotency-Key";
    private static final Duration RETENTION = Duration.ofHours(24);
    private static final Duration ABANDONED = Duration.ofMinutes(1);

    private record Stored(
            String requestHash,
            String state,
            Integer status,
            String location,
            String body,
            Instant createdAt,
            Instant updatedAt) {}

    /** Another request committed this key after this one looked: its answer is the one to give. */
    private static final class KeyTaken extends RuntimeException {
        KeyTaken() {
            super("idempotency key taken", null, false, false);
        }
    }

    private final TenantContext tenant;
    private final ObjectMapper mapper;
    private final ClinicTransactions transactions;

    public Idempotency(TenantContext tenant, ObjectMapper mapper, ClinicTransactions transactions) {
        this.transactions = transactions;
        this.tenant = tenant;
        this.mapper = mapper;
    }

    /**
     * Runs {@code work} at most once per key, in the transaction that claims the key and records its answer (the
     * work's own {@link ClinicTransactions#run} joins it).
     *
     * @param key the header's value, or null (then the work simply runs)
     * @param operation names the endpoint, so one key cannot be replayed on another
     * @param request the parsed body, hashed to recognise a different request under the same key;
     *     write-only fields (a password, an identification number) stay out of the hash, so no
     *     secret or PHI is derivable from what is stored
     */
    public Uni<Response> run(
            String key, String operation, Object request, Supplier<Uni<? extends RestResponse<?>>> work) {
        return run(key, operation, request, () -> Uni.createFrom().voidItem(), ignored -> work.get());
    }

    /**
     * The same, for work that needs something before its transaction (another service's answer, a password's hash):
     * {@code prepare} runs first, outside any transaction, and only when the key has no answer yet; {@code write}
     * then runs in the key's transaction with what it gave.
     */
    public <P> Uni<Response> run(
            String key,
            String operation,
            Object request,
            Supplier<Uni<P>> prepare,
            Function<P, Uni<? extends RestResponse<?>>> write) {
        if (key == null) {
            return prepare.get().chain(prepared -> write.apply(prepared)).map(this::toResponse);
        }
        if (key.isBlank() || key.length() > 255) {
            throw InvalidRequest.field(HEADER, "must be 1 to 255 characters");
        }
        if (key.chars().anyMatch(Character::isISOControl)) {
            // HTTP/1.1's decoder refuses these in a header; over HTTP/2 one can arrive, and PostgreSQL stores no NUL
            throw InvalidRequest.field(HEADER, "must not contain control characters");
        }
        // platform-level creates (a clinic, by a superuser) are keyed under clinic 0
        long clinicId = tenant.hasClinic() ? tenant.clinicId() : 0L;
        long userId = tenant.userId();
        String hash = hash(operation, request);
        return stored(clinicId, userId, key)
                .chain(existing -> answered(existing, clinicId, userId, key, hash))
                .chain(answer -> answer != null
                        ? Uni.createFrom().item(answer)
                        : prepare.get()
                                .chain(prepared -> perform(clinicId, userId, key, hash, () -> write.apply(prepared)))
                                .onFailure(Idempotency::keyTaken)
                                .recoverWithUni(() ->
                                        stored(clinicId, userId, key).map(existing -> afterRace(existing, hash))));
    }

    /**
     * What a key already stored answers: its replay, or a 409; null when the work is to be done (no key, or one that
     * expired or was abandoned, now removed).
     */
    private Uni<Response> answered(Stored existing, long clinicId, long userId, String key, String hash) {
        Instant now = Instant.now();
        if (existing == null) {
            return Uni.createFrom().nullItem();
        }
        if (existing.createdAt().isBefore(now.minus(RETENTION))) {
            return Uni.createFrom().nullItem(); // expired: the claim replaces it
        }
        if (!existing.requestHash().equals(hash)) {
            throw new Conflict("This Idempotency-Key was already used with a different request.");
        }
        if ("done".equals(existing.state())) {
            return Uni.createFrom().item(replay(existing));
        }
        // in flight: claimed by a version that recorded its answer in a second transaction
        if (existing.updatedAt().isAfter(now.minus(ABANDONED))) {
            throw inFlight();
        }
        return Uni.createFrom().nullItem(); // abandoned: the claim takes it over
    }

    /** After finding the key claimed when this request came to claim it: the first's answer, or a 409. */
    private static Response afterRace(Stored existing, String hash) {
        if (existing == null) {
            // gone again between the two reads: never a second answer
            throw inFlight();
        }
        if (!existing.requestHash().equals(hash)) {
            throw new Conflict("This Idempotency-Key was already used with a different request.");
        }
        if ("done".equals(existing.state())) {
            return replay(existing);
        }
        throw inFlight();
    }

    /**
     * Claim, work and answer in one transaction of the key's clinic. Its first statement takes the key's
     * transaction-scoped advisory lock without waiting: a request that finds it held answers 409 at once (API.md §1: a
     * repeat while the first is in flight), holding no connection while the first runs. Then the claim: the key's row
     * is inserted, or an expired or abandoned one taken over; a row the claim may not take (another request committed
     * the key meanwhile) is {@link KeyTaken}, answered from that row. The answer is written last, after the work's own
     * statements, with the key's clinic told to the database again (the work may have named another).
     */
    private Uni<Response> perform(
            long clinicId, long userId, String key, String hash, Supplier<Uni<? extends RestResponse<?>>> work) {
        return transactions.run(clinicId, () -> lock(clinicId, userId, key)
                .chain(locked -> {
                    if (!locked) {
                        return Uni.createFrom().failure(inFlight());
                    }
                    return claim(clinicId, userId, key, hash);
                })
                .chain(claimed -> {
                    if (!claimed) {
                        return Uni.createFrom().failure(new KeyTaken());
                    }
                    return work.get()
                            .map(this::toResponse)
                            // the work's writes reach the database under its own clinic, before the key's is told
                            .call(() -> Panache.getSession().chain(Mutiny.Session::flush))
                            .call(response -> remember(clinicId, userId, key, response));
                }));
    }

    private Response toResponse(RestResponse<?> response) {
        try {
            String body = response.hasEntity() ? mapper.writeValueAsString(response.getEntity()) : null;
            Response.ResponseBuilder builder = Response.status(response.getStatus());
            Object location = response.getHeaders().getFirst("Location");
            if (location != null) {
                builder.header("Location", location);
            }
            if (body != null) {
                builder.entity(body).type(MediaType.APPLICATION_JSON_TYPE);
            }
            return builder.build();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the response", e);
        }
    }

    private static Response replay(Stored stored) {
        Response.ResponseBuilder builder = Response.status(stored.status());
        if (stored.location() != null) {
            builder.header("Location", stored.location());
        }
        if (stored.body() != null) {
            builder.entity(stored.body()).type(MediaType.APPLICATION_JSON_TYPE);
        }
        return builder.header("Idempotent-Replayed", "true").build();
    }

    /** The key's advisory lock for this transaction, if nobody holds it (a 64-bit hash of clinic, user and key). */
    private Uni<Boolean> lock(long clinicId, long userId, String key) {
        return Panache.getSession().chain(s -> s.createSelectionQuery(LOCK, Boolean.class)
                .setParameter("key", clinicId + ":" + userId + ":" + key)
                .getSingleResult());
    }

    /** HQL, so the plan is cached once (see ClinicTransactions). */
    static final String LOCK = "select function('pg_try_advisory_xact_lock', function('hashtextextended', :key, 0))";

    /**
     * In the caller's transaction, under the key's lock: the key's row, inserted, or taking over one that expired (24
     * h) or that a version before left in flight for over a minute. False: a row the claim may not take.
     */
    private Uni<Boolean> claim(long clinicId, long userId, String key, String hash) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "insert into idempotency_key (clinic_id, user_id, key, request_hash, state,"
                                        + " created_at, updated_at) values (:clinic, :user, :key, :hash, 'in_flight', :now, :now)"
                                        + " on conflict (clinic_id, user_id, key) do update set request_hash = excluded.request_hash,"
                                        + " state = 'in_flight', status = null, location = null, body = null,"
                                        + " created_at = excluded.created_at, updated_at = excluded.updated_at"
                                        + " where idempotency_key.created_at < :expired"
                                        + " or (idempotency_key.state = 'in_flight' and idempotency_key.updated_at < :abandoned)")
                        .setParameter("clinic", clinicId)
                        .setParameter("user", userId)
                        .setParameter("key", key)
                        .setParameter("hash", hash)
                        .setParameter("now", now)
                        .setParameter("expired", now.minus(RETENTION))
                        .setParameter("abandoned", now.minus(ABANDONED))
                        .executeUpdate())
                .map(rows -> rows == 1);
    }

    private Uni<Stored> stored(long clinicId, long userId, String key) {
        return transactions.run(clinicId, () -> Panache.getSession()
                .chain(s -> NativePlans.bindUncached(
                                s.createNativeQuery(
                                        "select request_hash, state, status, location, body, created_at, updated_at"
                                                + " from idempotency_key where clinic_id = :clinic and user_id = :user"
                                                + " and key = :key",
                                        Object[].class),
                                "clinic",
                                clinicId)
                        .setParameter("user", userId)
                        .setParameter("key", key)
                        .getResultList())
                .map(Idempotency::first));
    }

    private static Stored first(List<Object[]> rows) {
        if (rows.isEmpty()) {
            return null;
        }
        Object[] r = rows.get(0);
        return new Stored(
                (String) r[0],
                (String) r[1],
                r[2] == null ? null : ((Number) r[2]).intValue(),
                (String) r[3],
                (String) r[4],
                instant(r[5]),
                instant(r[6]));
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException(
                "unexpected timestamp type " + value.getClass().getName());
    }

    /** In the caller's transaction, after the work: the answer, under the key's clinic again. */
    private Uni<Void> remember(long clinicId, long userId, String key, Response response) {
        return Panache.getSession()
                .call(s -> ClinicTransactions.setClinic(s, clinicId))
                .chain(s -> s.createNativeQuery("update idempotency_key set state = 'done', status = :status,"
                                + " location = :location, body = :body, updated_at = :now"
                                + " where clinic_id = :clinic and user_id = :user and key = :key")
                        .setParameter("status", response.getStatus())
                        .setParameter("location", response.getHeaderString("Location"))
                        .setParameter("body", (String) response.getEntity())
                        .setParameter("now", Instant.now().truncatedTo(ChronoUnit.MICROS))
                        .setParameter("clinic", clinicId)
                        .setParameter("user", userId)
                        .setParameter("key", key)
                        .executeUpdate())
                .invoke(rows -> {
                    if (rows != 1) {
                        throw new IllegalStateException("an Idempotency-Key's answer was not recorded");
                    }
                })
                .replaceWithVoid();
    }

    /** {@link KeyTaken}, alone or with a rollback's own failure (Mutiny combines the two). */
    private static boolean keyTaken(Throwable failure) {
        if (failure instanceof KeyTaken) {
            return true;
        }
        return failure instanceof io.smallrye.mutiny.CompositeException composite
                && composite.getCauses().stream().anyMatch(KeyTaken.class::isInstance);
    }

    private static Conflict inFlight() {
        return new Conflict("A request with this Idempotency-Key is still being processed.");
    }

    private String hash(String operation, Object request) {
        try {
            String canonical = operation + "\n" + mapper.writeValueAsString(request);
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
