package org.clinic.common.error;

import io.vertx.pgclient.PgException;
import java.util.Set;

/**
 * Whether a failure means the database could not be reached or would not serve (restart, failover, connection
 * limit), rather than a fault of the request or the code: such a request answers 503 with {@code Retry-After}, in
 * every process, never a 500.
 */
public final class DatabaseUnavailable {

    public static final String MESSAGE = "The database is temporarily unavailable. Please retry shortly.";

    /**
     * 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now (starting or shutting down), 53300
     * too_many_connections, 25006 read_only_sql_transaction (a write that reached a standby during a failover); class
     * 08 (connection exceptions) by prefix, except 08P01 protocol_violation, which is a fault of the client code
     * unless a pooler says it ({@link #POOLER_REFUSALS}).
     */
    private static final Set<String> STATES = Set.of("57P01", "57P02", "57P03", "53300", "25006");

    /**
     * A pooler in transaction mode (PgBouncer, docs/operations.md) reports its own refusals as 08P01 with one of these
     * messages (PgBouncer 1.18): no server connection within {@code query_wait_timeout}, no room for another client,
     * PostgreSQL unreachable or refusing its logins. Those are the database being unavailable, not a protocol fault.
     */
    private static final java.util.List<String> POOLER_REFUSALS = java.util.List.of(
            "query_wait_timeout",
            "no more connections allowed",
            "pgbouncer cannot connect to server",
            "server login has been failing",
            "client_login_timeout",
            "server conn crashed",
            "database removed");

    /** Of those, the ones that say the pooler is busy (every server connection taken, or no room for a client). */
    private static final java.util.List<String> POOLER_BUSY =
            java.util.List.of("query_wait_timeout", "no more connections allowed");

    /** Names of connection failures the PostgreSQL client reports without a SQLSTATE (the link itself failed). */
    private static final Set<String> LINK_FAILURES = Set.of(
            "io.vertx.core.VertxException: Connection closed",
            "io.netty.channel.StacklessClosedChannelException",
            "io.netty.channel.unix.Errors$NativeIoException");

    private DatabaseUnavailable() {}

    public static boolean causes(Throwable failure) {
        return causes(failure, 0);
    }

    /** Down the cause chain, and into each failure Mutiny combined (a transaction and its rollback both failing). */
    private static boolean causes(Throwable failure, int depth) {
        for (Throwable cause = failure; cause != null && depth < 32; cause = cause.getCause(), depth++) {
            if (cause instanceof PgException pg) {
                String state = pg.getSqlState();
                if ("08P01".equals(state)) {
                    return poolerSays(pg, POOLER_REFUSALS);
                }
                return state != null && (state.startsWith("08") || STATES.contains(state));
            }
            if (cause instanceof java.net.ConnectException
                    || cause instanceof java.net.UnknownHostException
                    || cause instanceof java.net.SocketException
                    || cause instanceof io.vertx.sqlclient.ClosedConnectionException
                    || cause instanceof java.nio.channels.ClosedChannelException
                    || LINK_FAILURES.contains(cause.getClass().getName())
                    || LINK_FAILURES.contains(cause.getClass().getName() + ": " + cause.getMessage())) {
                return true;
            }
            if (cause instanceof io.smallrye.mutiny.CompositeException composite) {
                for (Throwable each : composite.getCauses()) {
                    if (each != composite && causes(each, depth + 1)) {
                        return true;
                    }
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** Whether a pooler refused for want of a free server connection or of room: busy, not unreachable. */
    public static boolean poolerBusy(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && "08P01".equals(pg.getSqlState())) {
                return poolerSays(pg, POOLER_BUSY);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /** Whether an 08P01 failure's message is one of {@code refusals} (PgBouncer's own words begin it). */
    private static boolean poolerSays(PgException failure, java.util.List<String> refusals) {
        String message = String.valueOf(failure.getErrorMessage());
        return refusals.stream().anyMatch(message::startsWith);
    }

    /** For the log: the failure's kind and SQLSTATE, never a host name for a client (logs only). */
    static String describe(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg) {
                return "SQLSTATE " + pg.getSqlState() + " " + pg.getErrorMessage();
            }
            if (cause.getCause() == null || cause.getCause() == cause) {
                return cause.getClass().getName() + ": " + cause.getMessage();
            }
        }
        return String.valueOf(failure);
    }
}
