package org.clinic.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A fault for issue 27's tests: while open, this test's database refuses to record the answer of an Idempotency-Key
 * made by {@link #key()} (a trigger raises on the key's update to {@code done}), as a crash or a lost connection
 * between the work and its answer would. Closing removes the trigger.
 */
public final class RefusedAnswers implements AutoCloseable {

    private static final String PREFIX = "fail-answer-";

    private RefusedAnswers() {}

    /** A key whose answer is refused while a {@code RefusedAnswers} is open. */
    public static String key() {
        return PREFIX + UUID.randomUUID();
    }

    public static RefusedAnswers install() throws SQLException {
        try (Connection db = PostgresDatabase.connect()) {
            db.createStatement()
                    .execute("create or replace function test_refuse_answer() returns trigger language plpgsql as $$"
                            + " begin if new.key like '" + PREFIX + "%' and new.state = 'done'"
                            + " then raise exception 'answer refused by the test'; end if; return new; end $$");
            db.createStatement()
                    .execute("create trigger test_refuse_answer before update on idempotency_key"
                            + " for each row execute function test_refuse_answer()");
        }
        return new RefusedAnswers();
    }

    @Override
    public void close() throws SQLException {
        try (Connection db = PostgresDatabase.connect()) {
            db.createStatement().execute("drop trigger if exists test_refuse_answer on idempotency_key");
            db.createStatement().execute("drop function if exists test_refuse_answer()");
        }
    }
}
