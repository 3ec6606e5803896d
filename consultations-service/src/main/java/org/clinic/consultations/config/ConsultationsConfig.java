package org.clinic.consultations.config;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.clinic.common.config.HttpUrl;

/**
 * What the operator sets for consultations-service (docs/operations.md lists the variables), checked at start: a bad
 * value stops the process with one line naming its variable, never a late 500.
 */
@ConfigMapping(prefix = "clinic")
public interface ConsultationsConfig {

    Clients clients();

    Jwt jwt();

    /** The services a record's patient and visit are checked with ({@code CLINIC_PATIENTS_URL}, {@code CLINIC_DOCTORS_URL}). */
    interface Clients {
        @HttpUrl
        URI patientsUrl();

        @HttpUrl
        URI doctorsUrl();
    }

    interface Jwt {
        /** Where the gateway's public keys are: its JWKS URL (the chart's) or a PEM file ({@code CLINIC_JWT_PUBLIC_KEYS}). */
        @Pattern(
                regexp = "(https?://[^\\s/]+\\S*|file:\\S+|/\\S+|[A-Za-z0-9_\\-]+(/[A-Za-z0-9_.\\-]+)*\\.(pem|json))",
                message = "must be the gateway's JWKS URL (http://gateway:8080/.well-known/jwks.json) or a PEM file")
        String publicKeys();
    }
}
