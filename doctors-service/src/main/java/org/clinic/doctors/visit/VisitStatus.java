package org.clinic.doctors.visit;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** {@code checked_in → in_consultation → completed}, {@code checked_in → cancelled | no_show} (API.md §3). */
public enum VisitStatus {
    CHECKED_IN,
    IN_CONSULTATION,
    COMPLETED,
    CANCELLED,
    NO_SHOW;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<VisitStatus> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(value)).findFirst();
    }

    public static Set<String> wireValues() {
        return Set.of("checked_in", "in_consultation", "completed", "cancelled", "no_show");
    }

    public boolean canMoveTo(VisitStatus next) {
        return switch (this) {
            case CHECKED_IN -> next == IN_CONSULTATION || next == CANCELLED || next == NO_SHOW;
            case IN_CONSULTATION -> next == COMPLETED;
            default -> false;
        };
    }
}
