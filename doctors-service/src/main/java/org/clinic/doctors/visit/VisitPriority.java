package org.clinic.doctors.visit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.clinic.common.error.InvalidRequest;

/** A visit's priority in its queue (API.md §8): emergency first, then urgent, then normal. */
public enum VisitPriority {
    EMERGENCY(0),
    URGENT(1),
    NORMAL(2);

    static final String ALLOWED = "must be one of normal, urgent, emergency";

    /** Its place in queue order, as the database's {@code priority_rank} computes it (V7__visit_priority.sql). */
    private final int rank;

    VisitPriority(int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A request's {@code priority}: absent is normal; anything but the three is a 400 naming the field. */
    public static VisitPriority ofRequest(String value) {
        if (value == null) {
            return NORMAL;
        }
        return parse(value).orElseThrow(() -> InvalidRequest.field("priority", ALLOWED));
    }

    public static Optional<VisitPriority> parse(String value) {
        return Arrays.stream(values()).filter(p -> p.wire().equals(value)).findFirst();
    }
}
