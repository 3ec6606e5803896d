package org.clinic.common.config;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.net.URI;

/** Checks {@link HttpUrl} on a {@link URI} setting. */
public class HttpUrlValidator implements ConstraintValidator<HttpUrl, URI> {

    @Override
    public boolean isValid(URI value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        String scheme = value.getScheme();
        return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
                && value.getHost() != null
                && !value.getHost().isBlank();
    }
}
