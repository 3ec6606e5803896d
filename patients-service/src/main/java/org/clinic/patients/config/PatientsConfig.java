package org.clinic.patients.config;

import io.smallrye.config.ConfigMapping;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import org.clinic.common.config.HttpUrl;

/**
 * What the operator sets for patients-service (docs/operations.md lists the variables), checked at start: a bad value
 * stops the process with one line naming its variable, never a late 500.
 */
@ConfigMapping(prefix = "clinic")
public interface PatientsConfig {

    Clients clients();

    Jwt jwt();

    Phi phi();

    /** The services check-in and the medical history call ({@code CLINIC_DOCTORS_URL}, {@code CLINIC_CONSULTATIONS_URL}). */
    interface Clients {
        @HttpUrl
        URI doctorsUrl();

        @HttpUrl
        URI consultationsUrl();
    }

    interface Jwt {
        /** Where the gateway's public keys are: its JWKS URL (the chart's) or a PEM file ({@code CLINIC_JWT_PUBLIC_KEYS}). */
        @Pattern(
                regexp = "(https?://[^\\s/]+\\S*|file:\\S+|/\\S+|[A-Za-z0-9_\\-]+(/[A-Za-z0-9_.\\-]+)*\\.(pem|json))",
                message = "must be the gateway's JWKS URL (http://gateway:8080/.well-known/jwks.json) or a PEM file")
        String publicKeys();
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
