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
import java.util.function.Supplier;
import org.clinic.common.error.Conflict;
import org.clinic.common.error.InvalidRequest;
import org.clinic.common.persistence.ClinicTransactions;
import org.clinic.common.persistence.NotTenantScoped;
import org.clinic.common.tenancy.TenantContext;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * {@code Idempotency-Key} on create and check-in (API.md §1). The first request claims the key
 * (per clinic and user) in a transaction of its own, does its work, then records its answer; a
 * repeat with the same body within 24 h gets that answer again, byte for byte, without the work
 * being done twice. The same key with another body, or while the first is still running, is a
 * 409. A request that fails gives its key back, so the client can retry. A claim left by a
 * process that died is taken over after a minute.
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

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Idempotency.class);

    private final TenantContext tenant;
    private final ObjectMapper mapper;
    private final ClinicTransactions transactions;

    public Idempotency(TenantContext tenant, ObjectMapper mapper, ClinicTransactions transactions) {
        this.transactions = transactions;
        this.tenant = tenant;
        this.mapper = mapper;
    }

    /**
     * Runs {@code work} at most once per key.
     *
     * @param key the header's value, or null (then the work simply runs)
     * @param operation names the endpoint, so one key cannot be replayed on another
     * @param request the parsed body, hashed to recognise a different request under the same key;
     *     write-only fields (a password, an identification number) stay out of the hash, so no
     *     secret or PHI is derivable from what is stored
     */
    public Uni<Response> run(
            String key, String operation, Object request, Supplier<Uni<? extends RestResponse<?>>> work) {
        if (key == null) {
            return work.get().map(this::toResponse);
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
        return claim(clinicId, userId, key, hash).chain(claimed -> {
            if (claimed) {
                return perform(clinicId, userId, key, work);
            }
            return stored(clinicId, userId, key).chain(existing -> decide(existing, clinicId, userId, key, hash, work));
        });
    }

    private Uni<Response> decide(
            Stored existing,
            long clinicId,
            long userId,
            String key,
            String hash,
            Supplier<Uni<? extends RestResponse<?>>> work) {
        Instant now = Instant.now();
        if (existing == null || existing.createdAt().isBefore(now.minus(RETENTION))) {
            // gone or expired: start afresh
            return forget(clinicId, userId, key)
                    .chain(() -> claim(clinicId, userId, key, hash))
                    .chain(claimed -> claimed
                            ? perform(clinicId, userId, key, work)
                            : Uni.createFrom().failure(inFlight()));
        }
        if (!existing.requestHash().equals(hash)) {
            throw new Conflict("This Idempotency-Key was already used with a different request.");
        }
        if ("done".equals(existing.state())) {
            return Uni.createFrom().item(replay(existing));
        }
        if (existing.updatedAt().isAfter(now.minus(ABANDONED))) {
            throw inFlight();
        }
        return takeOver(clinicId, userId, key, existing.updatedAt())
                .chain(taken -> taken
                        ? perform(clinicId, userId, key, work)
                        : Uni.createFrom().failure(inFlight()));
    }

    /**
     * The work's own outcome always wins: if recording it (or giving the key back) fails, that is
     * logged, and the stale claim is taken over after a minute.
     */
    private Uni<Response> perform(
            long clinicId, long userId, String key, Supplier<Uni<? extends RestResponse<?>>> work) {
        return work.get()
                .map(this::toResponse)
                .onFailure()
                .call(() -> quietly(forget(clinicId, userId, key), "give back"))
                .call(response -> quietly(remember(clinicId, userId, key, response), "record the answer of"));
    }

    private static Uni<Void> quietly(Uni<Void> step, String what) {
        return step.onFailure()
                .invoke(e -> LOG.warnf("could not %s an Idempotency-Key: %s", what, e.toString()))
                .onFailure()
                .recoverWithNull();
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

    private Uni<Boolean> claim(long clinicId, long userId, String key, String hash) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        return transactions.run(clinicId, () -> Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "insert into idempotency_key (clinic_id, user_id, key, request_hash, state,"
                                        + " created_at, updated_at) values (:clinic, :user, :key, :hash, 'in_flight', :now, :now)"
                                        + " on conflict do nothing")
                        .setParameter("clinic", clinicId)
                        .setParameter("user", userId)
                        .setParameter("key", key)
                        .setParameter("hash", hash)
                        .setParameter("now", now)
                        .executeUpdate())
                .map(rows -> rows == 1));
    }

    private Uni<Boolean> takeOver(long clinicId, long userId, String key, Instant seen) {
        return transactions.run(clinicId, () -> Panache.getSession()
                .chain(s -> s.createNativeQuery("update idempotency_key set updated_at = :now where clinic_id = :clinic"
                                + " and user_id = :user and key = :key and state = 'in_flight' and updated_at = :seen")
                        .setParameter("now", Instant.now().truncatedTo(ChronoUnit.MICROS))
                        .setParameter("clinic", clinicId)
                        .setParameter("user", userId)
                        .setParameter("key", key)
                        .setParameter("seen", seen)
                        .executeUpdate())
                .map(rows -> rows == 1));
    }

    private Uni<Stored> stored(long clinicId, long userId, String key) {
        return transactions.run(clinicId, () -> Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "select request_hash, state, status, location, body, created_at, updated_at"
                                        + " from idempotency_key where clinic_id = :clinic and user_id = :user and key = :key",
                                Object[].class)
                        .setParameter("clinic", clinicId)
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

    private Uni<Void> remember(long clinicId, long userId, String key, Response response) {
        return transactions.run(clinicId, () -> Panache.getSession()
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
                .replaceWithVoid());
    }

    private Uni<Void> forget(long clinicId, long userId, String key) {
        return transactions.run(clinicId, () -> Panache.getSession()
                .chain(s -> s.createNativeQuery(
                                "delete from idempotency_key where clinic_id = :clinic and user_id = :user and key = :key")
                        .setParameter("clinic", clinicId)
                        .setParameter("user", userId)
                        .setParameter("key", key)
                        .executeUpdate())
                .replaceWithVoid());
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
