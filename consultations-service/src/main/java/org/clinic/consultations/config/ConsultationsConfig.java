package org.clinic.consultations.config;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import org.clinic.common.config.HttpUrl;
import org.clinic.common.config.VerificationKeys;

/**
 * What the operator sets for consultations-service (docs/operations.md lists the variables), checked at start: a bad
 * value stops the process with one line naming its variable, never a late 500.
 */
@ConfigMapping(prefix = "clinic")
public interface ConsultationsConfig {

    Clients clients();

    VerificationKeys jwt();

    /** The services a record's patient and visit are checked with ({@code CLINIC_PATIENTS_URL}, {@code CLINIC_DOCTORS_URL}). */
    interface Clients {
        @HttpUrl
        URI patientsUrl();

        @HttpUrl
        URI doctorsUrl();
    }
}
