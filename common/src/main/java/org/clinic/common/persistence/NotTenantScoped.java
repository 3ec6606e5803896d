package org.clinic.common.persistence;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the few classes allowed to reach the database without the tenant-scoped repository:
 * platform-level data (clinics themselves, refresh tokens) and identity lookups that precede
 * tenancy (login). The architecture test fails any other class that does; the reason is
 * required so a reviewer sees why.
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface NotTenantScoped {

    /** Why this class may look across clinics. */
    String value();
}
