package org.clinic.doctors.visit;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** The clock visits are stamped with; a test replaces it to cross a clinic's local midnight. */
@Singleton
public class ClinicClock {

    @Produces
    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
