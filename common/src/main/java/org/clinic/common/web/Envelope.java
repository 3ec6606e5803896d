package org.clinic.common.web;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/** The response envelope every JSON response carries (API.md §1): exactly these four keys. */
@JsonPropertyOrder({"success", "message", "data", "errors"})
public record Envelope<T>(boolean success, String message, T data, Map<String, List<String>> errors) {

    public static <T> Envelope<T> ok(String message, T data) {
        return new Envelope<>(true, message, data, null);
    }

    public static Envelope<Void> error(String message) {
        return new Envelope<>(false, message, null, null);
    }

    public static Envelope<Void> invalid(String message, Map<String, List<String>> errors) {
        return new Envelope<>(false, message, null, errors);
    }
}
