package org.clinic.common.error;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Which failures mean "the database is unavailable" (a 503 to retry), and which are faults (a 500 or a 4xx). */
class DatabaseUnavailableTest {

    private static PgException pg(String state) {
        return new PgException("message", "FATAL", state, null);
    }

    @Test
    void aRestartingOrFullDatabaseIsUnavailable() {
        for (String state : new String[] {"57P01", "57P02", "57P03", "53300", "25006", "08006", "08001", "08003"}) {
            assertTrue(DatabaseUnavailable.causes(pg(state)), state);
            assertTrue(DatabaseUnavailable.causes(new CompletionException(new RuntimeException(pg(state)))), state);
        }
    }

    @Test
    void aRefusedOrCutConnectionIsUnavailable() {
        assertTrue(DatabaseUnavailable.causes(new RuntimeException(new ConnectException("Connection refused"))));
        assertTrue(DatabaseUnavailable.causes(io.vertx.sqlclient.ClosedConnectionException.INSTANCE));
        assertTrue(DatabaseUnavailable.causes(new java.nio.channels.ClosedChannelException()));
        assertTrue(DatabaseUnavailable.causes(new java.net.UnknownHostException("db.internal")));
        assertTrue(DatabaseUnavailable.causes(new java.net.SocketException("Connection reset")));
        // a transaction whose work and rollback both failed on the cut connection
        assertTrue(DatabaseUnavailable.causes(new io.smallrye.mutiny.CompositeException(
                new IllegalStateException("rollback failed"),
                new RuntimeException(new java.net.SocketException("Connection reset")))));
    }

    /** PgBouncer 1.18 reports its own refusals as 08P01 protocol_violation: those messages are unavailability. */
    @Test
    void aPoolersRefusalIsUnavailableButAProtocolFaultIsNot() {
        for (String message : new String[] {
            "query_wait_timeout",
            "no more connections allowed (max_client_conn)",
            "pgbouncer cannot connect to server",
            "server login has been failing, try again later (server_login_retry)",
            "client_login_timeout (server down)",
            "server conn crashed?"
        }) {
            assertTrue(DatabaseUnavailable.causes(new PgException(message, "ERROR", "08P01", null)), message);
        }
        assertFalse(DatabaseUnavailable.causes(new PgException(
                "bind message supplies 3 parameters, but prepared statement requires 2", "ERROR", "08P01", null)));
        // busy (readiness stays up) only when it has no server connection free or no room; not when PostgreSQL is away
        assertTrue(DatabaseUnavailable.poolerBusy(new PgException("query_wait_timeout", "ERROR", "08P01", null)));
        assertTrue(DatabaseUnavailable.poolerBusy(new RuntimeException(
                new PgException("no more connections allowed (max_client_conn)", "ERROR", "08P01", null))));
        assertFalse(DatabaseUnavailable.poolerBusy(
                new PgException("pgbouncer cannot connect to server", "ERROR", "08P01", null)));
        assertFalse(DatabaseUnavailable.poolerBusy(pg("57P03")));
    }

    @Test
    void faultsOfTheRequestOrTheCodeAreNot() {
        for (String state : new String[] {"23505", "42P01", "22021", "28000", "40001", "57014", "08P01", "42501"}) {
            assertFalse(DatabaseUnavailable.causes(pg(state)), state);
        }
        assertFalse(DatabaseUnavailable.causes(new IllegalStateException("bug")));
        assertFalse(DatabaseUnavailable.causes(
                new io.smallrye.mutiny.CompositeException(new IllegalStateException("a"), pg("23505"))));
        assertFalse(DatabaseUnavailable.causes(new RuntimeException(new java.io.IOException("unrelated"))));
    }
}
