package org.clinic.patients.config;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.clinic.common.config.HttpUrl;
import org.clinic.common.config.VerificationKeys;

/**
 * What the operator sets for patients-service (docs/operations.md lists the variables), checked at start: a bad value
 * stops the process with one line naming its variable, never a late 500.
 */
@ConfigMapping(prefix = "clinic")
public interface PatientsConfig {

    Clients clients();

    VerificationKeys jwt();

    Phi phi();

    /** The services check-in and the medical history call ({@code CLINIC_DOCTORS_URL}, {@code CLINIC_CONSULTATIONS_URL}). */
    interface Clients {
        @HttpUrl
        URI doctorsUrl();

        @HttpUrl
        URI consultationsUrl();
    }

    interface Phi {
        /** AES-256 key of identification numbers ({@code CLINIC_PHI_KEY}; its form is checked here). */
        @NotBlank
        @Pattern(
                regexp = "\\s*[A-Za-z0-9+/]{43}=\\s*",
                message = "must be 32 random bytes, base64-encoded (head -c 32 /dev/urandom | base64)")
        String key();
    }
}
