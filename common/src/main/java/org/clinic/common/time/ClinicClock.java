package org.clinic.common.time;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;

/**
 * The clock every stored instant comes from, ticking in whole microseconds: what PostgreSQL's {@code timestamptz}
 * keeps. The answer to a write then carries exactly the instant a later read returns (PostgreSQL rounds extra
 * digits, so truncating only when writing JSON would differ from the stored value half the time). A test replaces
 * it (an {@code @Alternative Clock}) to cross a clinic's local midnight.
 */
@Singleton
public class ClinicClock {

    public static final Duration RESOLUTION = Duration.ofNanos(1_000);

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), RESOLUTION);
    }
}
