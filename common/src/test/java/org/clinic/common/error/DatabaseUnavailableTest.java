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
