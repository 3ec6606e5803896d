package org.clinic.common.error;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A 400 naming the offending fields or query parameters. */
public final class InvalidRequest extends DomainException {

    private final Map<String, List<String>> errors;

    public InvalidRequest(String message, Map<String, List<String>> errors) {
        super(message);
        this.errors = errors;
    }

    /** The common case: one field, one message. */
    public static InvalidRequest field(String field, String problem) {
        Map<String, List<String>> errors = new LinkedHashMap<>();
        errors.put(field, List.of(problem));
        return new InvalidRequest("Validation error", errors);
    }

    @Override
    public int status() {
        return 400;
    }

    @Override
    public Map<String, List<String>> errors() {
        return errors;
    }
}
