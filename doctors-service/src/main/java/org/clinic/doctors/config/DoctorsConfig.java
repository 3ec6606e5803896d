package org.clinic.doctors.config;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.clinic.common.config.HttpUrl;

/**
 * What the operator sets for doctors-service (docs/operations.md lists the variables), checked at start: a bad value
 * stops the process with one line naming its variable, never a late 500.
 */
@ConfigMapping(prefix = "clinic")
public interface DoctorsConfig {

    Clients clients();

    Jwt jwt();

    /** The gateway's users and clinics API and patients-service ({@code CLINIC_GATEWAY_URL}, {@code CLINIC_PATIENTS_URL}). */
    interface Clients {
        @HttpUrl
        URI gatewayUrl();

        @HttpUrl
        URI patientsUrl();
    }

    interface Jwt {
        /** Where the gateway's public keys are: its JWKS URL (the chart's) or a PEM file ({@code CLINIC_JWT_PUBLIC_KEYS}). */
        @Pattern(
                regexp = "(https?://[^\\s/]+\\S*|file:\\S+|/\\S+|[A-Za-z0-9_\\-]+(/[A-Za-z0-9_.\\-]+)*\\.(pem|json))",
                message = "must be the gateway's JWKS URL (http://gateway:8080/.well-known/jwks.json) or a PEM file")
        String publicKeys();
    }
}
