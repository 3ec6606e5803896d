package org.clinic.common.config;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** A setting that must be an absolute http(s) URL with a host, such as {@code http://patients:8080}. */
@Documented
@Constraint(validatedBy = HttpUrlValidator.class)
@Target({ElementType.METHOD, ElementType.FIELD, ElementType.TYPE_USE, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface HttpUrl {

    String message() default "must be an absolute http:// or https:// URL with a host, such as http://patients:8080";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
