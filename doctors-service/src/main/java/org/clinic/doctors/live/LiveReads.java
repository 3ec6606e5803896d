package org.clinic.doctors.live;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.clinic.common.persistence.ClinicTransactions;
import org.clinic.common.persistence.NotTenantScoped;
import org.clinic.doctors.visit.WaitEstimate;

/**
 * The reads of the live streams, which run outside any request (a listener woke them): each is one transaction
 * on the service's own pool that first tells PostgreSQL the clinic (row-level security), and names the clinic as
 * the first condition of every statement besides.
 */
@ApplicationScoped
@NotTenantScoped("streams read outside a request: the clinic is passed explicitly, set for row-level security"
        + " and the first condition of every statement")
public class LiveReads {

    /** One stored event. */
    public record Stored(long id, String type, Long doctor, Long previousDoctor, String payload) {

        /** Whether this event belongs on {@code doctorId}'s queue stream: their visit, or one transferred away. */
        public boolean concerns(long doctorId) {
            return Long.valueOf(doctorId).equals(doctor)
                    || Long.valueOf(doctorId).equals(previousDoctor);
        }
    }

    static final int BATCH = 500;

    private final Pool pool;
    private final ClinicTransactions transactions;

    private final java.time.Clock clock;

    private final io.micrometer.core.instrument.Counter boardReads;

    LiveReads(
            Pool pool,
            ClinicTransactions transactions,
            java.time.Clock clock,
            io.micrometer.core.instrument.MeterRegistry registry) {
        this.boardReads = io.micrometer.core.instrument.Counter.builder("queue_board_reads")
                .description("Reads of a clinic's queue board (GETs, and streams' reads shared per clinic and event)")
                .register(registry);
        this.clock = clock;
        this.pool = pool;
        this.transactions = transactions;
    }

    private <T> Uni<T> inClinic(long clinicId, java.util.function.Function<SqlConnection, Uni<T>> work) {
        return transactions.onPool(pool, clinicId, work);
    }

    /** The clinic's latest event id (0 before its first). */
    public Uni<Long> latest(long clinicId) {
        return inClinic(clinicId, c -> c.preparedQuery(
                        "select coalesce((select last_id from visit_event_counter where clinic_id = $1), 0)")
                .execute(Tuple.of(clinicId))
                .map(rows -> rows.iterator().next().getLong(0)));
    }

    /** The clinic's events after {@code after}, oldest first, at most {@value #BATCH}. */
    public Uni<List<Stored>> after(long clinicId, long after) {
        return inClinic(clinicId, c -> c.preparedQuery("select event_id, type, doctor_id, previous_doctor_id, payload"
                        + " from visit_event"
                        + " where clinic_id = $1 and event_id > $2 order by event_id limit " + BATCH)
                .execute(Tuple.of(clinicId, after))
                .map(rows -> {
                    List<Stored> events = new ArrayList<>();
                    for (Row row : rows) {
                        events.add(new Stored(
                                row.getLong(0), row.getString(1), row.getLong(2), row.getLong(3), row.getString(4)));
                    }
                    return events;
                }));
    }

    /**
     * Whether a stream that saw {@code lastSeen} can be resumed: nothing of the clinic after it is older than the
     * replay window (API.md §7: 15 minutes) or gone, and it is not an id the clinic never gave.
     */
    public Uni<Boolean> resumable(long clinicId, long lastSeen, java.time.Duration window) {
        return inClinic(clinicId, c -> c.preparedQuery("select coalesce((select last_id from visit_event_counter"
                        + " where clinic_id = $1), 0), (select at > now() - make_interval(secs => $3)"
                        + " from visit_event where clinic_id = $1 and event_id = $2 + 1)")
                .execute(Tuple.of(clinicId, lastSeen, (double) window.toSeconds()))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    long latest = row.getLong(0);
                    Boolean fresh = row.getBoolean(1);
                    return lastSeen >= 0 && (lastSeen == latest || lastSeen < latest && Boolean.TRUE.equals(fresh));
                }));
    }

    /**
     * The board: the clinic's active doctors by name, who is being seen and who waits, as token numbers, and the
     * waiting-time estimate of each (API.md §8), all in one transaction.
     */
    public Uni<QueueBoard> board(long clinicId) {
        boardReads.increment();
        return inClinic(clinicId, c -> c.preparedQuery(WaitEstimate.ZONE)
                .execute(Tuple.of(clinicId))
                .map(rows -> rows.size() == 0
                        ? null
                        : WaitEstimate.Window.of(rows.iterator().next().getString(0), clock.instant()))
                .chain(window -> board(c, clinicId, window)));
    }

    private Uni<QueueBoard> board(SqlConnection c, long clinicId, WaitEstimate.Window window) {
        return c.preparedQuery("select d.id, d.user_name, d.specialization,"
                        + " (select v.token_number from visit v where v.clinic_id = d.clinic_id"
                        + "   and v.assigned_doctor_id = d.id and v.status = 'in_consultation'"
                        + "   order by v.started_at desc nulls last, v.id desc limit 1),"
                        + " coalesce((select array_agg(v.token_number order by v.priority_rank, v.check_in_date, v.id)"
                        + "   from visit v where v.clinic_id = d.clinic_id and v.assigned_doctor_id = d.id"
                        + "   and v.status = 'checked_in'), '{}'),"
                        + " " + WaitEstimate.medianConsultationSeconds("d.clinic_id", "d.id", "$2", "$3")
                        + " from doctor d where d.clinic_id = $1 and d.is_active order by d.user_name, d.id")
                .execute(Tuple.of(clinicId, window == null ? null : window.from(), window == null ? null : window.to()))
                .map(rows -> {
                    List<QueueBoard.Row> doctors = new ArrayList<>();
                    for (Row row : rows) {
                        List<Integer> waiting = Arrays.asList(row.getArrayOfIntegers(4));
                        doctors.add(new QueueBoard.Row(
                                row.getLong(0),
                                row.getString(1),
                                row.getString(2),
                                row.getInteger(3),
                                waiting,
                                waiting.size(),
                                WaitEstimate.minutes(waiting.size(), row.getDouble(5))));
                    }
                    return new QueueBoard(doctors);
                });
    }
}
