package org.clinic.common.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.util.Set;
import org.clinic.common.error.InvalidRequest;

/**
 * PATCH as API.md §1 means it: the fields given replace the current ones, the rest stay.
 * The merged request is validated exactly like a PUT body, so both share one set of rules.
 */
@ApplicationScoped
public class Patches {

    private final ObjectMapper mapper;
    private final Validator validator;

    public Patches(ObjectMapper mapper, Validator validator) {
        this.mapper = mapper;
        this.validator = validator;
    }

    public <R> R merge(R current, JsonNode patch, Class<R> type) {
        if (patch == null || !patch.isObject()) {
            throw new InvalidRequest("A JSON object is required.", null);
        }
        ObjectNode merged = mapper.valueToTree(current);
        mergeInto(merged, (ObjectNode) patch);
        R result;
        try {
            result = mapper.treeToValue(merged, type);
        } catch (JsonMappingException e) {
            String field = FieldNames.jsonPath(e);
            throw InvalidRequest.field(field.isEmpty() ? "body" : field, FieldNames.problem(e));
        } catch (JsonProcessingException e) {
            throw new InvalidRequest("Malformed JSON request body.", null);
        }
        Set<ConstraintViolation<R>> violations = validator.validate(result);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return result;
    }

    /** Nested objects (vitals) merge field by field too; arrays (medicines) and values replace. */
    private static void mergeInto(ObjectNode target, ObjectNode patch) {
        patch.fields().forEachRemaining(field -> {
            JsonNode existing = target.get(field.getKey());
            if (existing != null && existing.isObject() && field.getValue().isObject()) {
                mergeInto((ObjectNode) existing, (ObjectNode) field.getValue());
            } else {
                target.set(field.getKey(), field.getValue());
            }
        });
    }
}
