package org.clinic.common.config;

import jakarta.validation.constraints.Pattern;

/**
 * A service's {@code clinic.jwt} settings: where the gateway's public keys are ({@code CLINIC_JWT_PUBLIC_KEYS}), read
 * by {@code mp.jwt.verify.publickey.location}. A group of each service's own mapping, checked at start.
 */
public interface VerificationKeys {

    /** The gateway's JWKS URL (the chart's) or a PEM file. */
    @Pattern(
            regexp = "(https?://[^\\s/]+\\S*|file:\\S+|/\\S+|[A-Za-z0-9_\\-]+(/[A-Za-z0-9_.\\-]+)*\\.(pem|json))",
            message = "must be the gateway's JWKS URL (http://gateway:8080/.well-known/jwks.json) or a PEM file")
    String publicKeys();
}
