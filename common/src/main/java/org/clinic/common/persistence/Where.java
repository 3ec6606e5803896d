package org.clinic.common.persistence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An HQL filter built from conditions with named parameters. The clinic condition is never
 * part of it: {@link TenantScopedRepository} adds that itself, so it cannot be forgotten.
 */
public final class Where {

    private final List<String> conditions = new ArrayList<>();
    private final Map<String, Object> parameters = new LinkedHashMap<>();

    private Where() {}

    public static Where all() {
        return new Where();
    }

    public static Where of(String condition, Object... nameValuePairs) {
        return new Where().and(condition, nameValuePairs);
    }

    /** Adds {@code condition} with its parameters given as name, value, name, value… */
    public Where and(String condition, Object... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("parameters come in name/value pairs");
        }
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            String name = (String) nameValuePairs[i];
            if (TenantScopedRepository.CLINIC_PARAMETER.equals(name)) {
                throw new IllegalArgumentException("the clinic parameter is set by the repository");
            }
            parameters.put(name, nameValuePairs[i + 1]);
        }
        conditions.add("(" + condition + ")");
        return this;
    }

    /** Adds the condition only when {@code value} is present. */
    public Where andIf(Object value, String condition, String parameter) {
        return value == null ? this : and(condition, parameter, value);
    }

    String hql() {
        return String.join(" and ", conditions);
    }

    Map<String, Object> parameters() {
        return parameters;
    }
}
