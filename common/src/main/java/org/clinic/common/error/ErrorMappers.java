package org.clinic.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.pgclient.PgException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clinic.common.web.Envelope;
import org.clinic.common.web.FieldNames;
import org.clinic.common.web.OwnRoutes;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Maps every failure that reaches the REST layer to its status and the envelope (API.md §1).
 * Bodies never carry a stack trace, SQL, class name or host name; the log keeps the detail.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);
    public static final String UNAUTHENTICATED = "Authentication credentials were not provided or are invalid.";

    @ServerExceptionMapper
    public Response domain(DomainException e) {
        Envelope<Void> body =
                e.errors() == null ? Envelope.error(e.getMessage()) : Envelope.invalid(e.getMessage(), e.errors());
        if (e.status() == 503) {
            return unavailable(body);
        }
        return json(e.status(), body);
    }

    @ServerExceptionMapper
    public Response violations(ConstraintViolationException e) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.computeIfAbsent(fieldOf(violation.getPropertyPath()), k -> new ArrayList<>())
                    .add(violation.getMessage());
        }
        return json(400, Envelope.invalid("Validation error", errors));
    }

    /** Named one by one: Quarkus ships its own mapper for the mismatched-input subtypes. */
    @ServerExceptionMapper({JsonMappingException.class, MismatchedInputException.class, InvalidFormatException.class})
    public Response unreadableField(JsonMappingException e) {
        String field = FieldNames.jsonPath(e);
        if (field.isEmpty()) {
            return json(400, Envelope.error("Malformed JSON request body."));
        }
        return json(400, Envelope.invalid("Validation error", Map.of(field, List.of(FieldNames.problem(e)))));
    }

    @ServerExceptionMapper
    public Response malformed(JsonProcessingException e) {
        return json(400, Envelope.error("Malformed JSON request body."));
    }

    @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
    public Response unauthenticated(RuntimeException e) {
        return Response.status(401)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("WWW-Authenticate", "Bearer")
                .entity(Envelope.error(UNAUTHENTICATED))
                .build();
    }

    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return json(403, Envelope.error("You do not have permission to perform this action."));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, HttpServerRequest request) {
        // the JSON reader reports an unreadable body as a 400 wrapping Jackson's exception
        if (e.getCause() instanceof JsonMappingException mapping) {
            return unreadableField(mapping);
        }
        if (e.getCause() instanceof JsonProcessingException) {
            return malformed(null);
        }
        int status = e.getResponse().getStatus();
        if ((e instanceof NotFoundException || e instanceof NotAllowedException) && request != null) {
            // no resource method matched: a path that exists with other methods is a 405 naming them (API.md §1)
            String allow = OwnRoutes.allowIfNotAllowed(request.method().name(), request.path());
            if (allow != null) {
                return Response.status(405)
                        .type(MediaType.APPLICATION_JSON_TYPE)
                        .header("Allow", allow)
                        .entity(Envelope.error(HttpMessages.forStatus(405)))
                        .build();
            }
        }
        if (status >= 500) {
            LOG.error("request failed", e);
        }
        if (status == 503) {
            return unavailable(Envelope.error(HttpMessages.forStatus(503)));
        }
        Response.ResponseBuilder builder = Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Envelope.error(HttpMessages.forStatus(status)));
        Object allow = e.getResponse().getHeaders().getFirst("Allow");
        if (allow != null) {
            builder.header("Allow", allow);
        }
        return builder.build();
    }

    /**
     * Another request changed the row between our read and our write. A request that named the version it changes
     * ({@code If-Match}) matched it when it was checked and not when it was written: its precondition failed, a 412
     * like any mismatch (API.md §1); without {@code If-Match} it is a 409.
     */
    @ServerExceptionMapper({OptimisticLockException.class, StaleStateException.class})
    public Response concurrentUpdate(RuntimeException e, HttpServerRequest request) {
        if (request != null && org.clinic.common.web.Etags.namesAVersion(request.getHeader("If-Match"))) {
            return json(412, Envelope.error(org.clinic.common.web.Etags.MISMATCH));
        }
        return json(409, Envelope.error("The resource was changed by another request; reload it and retry."));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, HttpServerRequest request) {
        if (DatabaseUnavailable.causes(e)) {
            // a restart, a failover, a full connection table: nothing was half-done (the transaction is one unit),
            // but a connection cut during its commit leaves the outcome unknown: a create is retried safely with
            // its Idempotency-Key
            LOG.warnf("database unavailable: %s", DatabaseUnavailable.describe(e));
            return unavailable(Envelope.error(DatabaseUnavailable.MESSAGE));
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            String state = sqlState(cause);
            // 57014 query_canceled: a statement ran past clinic.database.statement-timeout (the log line carries the
            // request id); the client may retry, or narrow what it asked for
            if ("57014".equals(state)
                    || cause instanceof jakarta.persistence.QueryTimeoutException
                    || cause instanceof org.hibernate.QueryTimeoutException) {
                LOG.warnf("statement timeout: %s", cause.getMessage());
                return unavailable(Envelope.error(STATEMENT_TIMEOUT));
            }
            // 40P01 deadlock_detected, 40001 serialization_failure: PostgreSQL broke this transaction (rolled back
            // whole) for another's sake; the same request again will likely pass
            if (BROKEN_FOR_ANOTHER.contains(state)) {
                LOG.warnf("transaction broken by the database: %s", cause.getMessage());
                return unavailable(Envelope.error(COLLIDED));
            }
            // a unique index refused a duplicate that two concurrent requests both checked for
            // (Hibernate Reactive reports an entity write's violation as Hibernate's exception, no PgException inside)
            if ("23505".equals(state)) {
                return json(409, Envelope.error("A record with the same unique value already exists."));
            }
            // text PostgreSQL cannot store; request bodies and parameters are checked before (NulCharacters)
            if (UNSTORABLE_TEXT.contains(state)) {
                return json(400, Envelope.error("The request contains text that cannot be stored."));
            }
            if (cause instanceof OptimisticLockException || cause instanceof StaleStateException) {
                return concurrentUpdate((RuntimeException) cause, request);
            }
        }
        LOG.error("unexpected failure", e);
        return json(500, Envelope.error(HttpMessages.forStatus(500)));
    }

    public static final String STATEMENT_TIMEOUT =
            "The request took too long to answer. Please retry shortly, or narrow what you asked for.";

    public static final String COLLIDED =
            "The request collided with another one and was not carried out; please retry.";

    private static final java.util.Set<String> BROKEN_FOR_ANOTHER = java.util.Set.of("40P01", "40001");

    /**
     * The SQLSTATE {@code cause} carries itself (the PostgreSQL client's, Hibernate's or JDBC's), or {@code ""} for
     * none (the sets of states above refuse null).
     */
    private static String sqlState(Throwable cause) {
        String state = null;
        if (cause instanceof PgException pg) {
            state = pg.getSqlState();
        } else if (cause instanceof org.hibernate.JDBCException jdbc) {
            state = jdbc.getSQLState();
        } else if (cause instanceof java.sql.SQLException sql) {
            state = sql.getSQLState();
        }
        return state == null ? "" : state;
    }

    /** 22021 character_not_in_repertoire (a NUL), 22P05 untranslatable_character. */
    private static final java.util.Set<String> UNSTORABLE_TEXT = java.util.Set.of("22021", "22P05");

    /** A 503 the client may retry: {@code Retry-After} says when (API.md §1). */
    private static Response unavailable(Object body) {
        return Response.status(503)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header("Retry-After", org.clinic.common.web.HttpEdge.RETRY_AFTER_SECONDS)
                .entity(body)
                .build();
    }

    private static Response json(int status, Object body) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body)
                .build();
    }

    /** {@code create.request.medicines[0].quantity} → {@code medicines[0].quantity}. */
    static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.METHOD
                    || kind == ElementKind.CONSTRUCTOR
                    || kind == ElementKind.PARAMETER
                    || kind == ElementKind.CROSS_PARAMETER
                    || kind == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.isInIterable() && node.getIndex() != null) {
                field.append('[').append(node.getIndex()).append(']');
            }
            String name = node.getName();
            if (name != null && !name.startsWith("<")) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(FieldNames.snake(name));
            }
        }
        return field.isEmpty() ? "body" : field.toString();
    }
}
