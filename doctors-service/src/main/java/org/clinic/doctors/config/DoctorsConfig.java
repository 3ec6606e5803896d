package org.clinic.doctors.config;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import org.clinic.common.config.HttpUrl;
import org.clinic.common.config.VerificationKeys;

/**
 * What the operator sets for doctors-service (docs/operations.md lists the variables), checked at start: a bad value
 * stops the process with one line naming its variable, never a late 500.
 */
@ConfigMapping(prefix = "clinic")
public interface DoctorsConfig {

    Clients clients();

    VerificationKeys jwt();

    /** The gateway's users and clinics API and patients-service ({@code CLINIC_GATEWAY_URL}, {@code CLINIC_PATIENTS_URL}). */
    interface Clients {
        @HttpUrl
        URI gatewayUrl();

        @HttpUrl
        URI patientsUrl();
    }
}
