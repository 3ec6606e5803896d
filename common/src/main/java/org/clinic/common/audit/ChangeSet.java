package org.clinic.common.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/** Applies new values field by field and remembers which changed: the audit event's {@code changes}. */
public final class ChangeSet {

    private final List<String> fields = new ArrayList<>();

    public <T> ChangeSet set(String field, T current, T next, Consumer<T> setter) {
        if (!Objects.equals(current, next)) {
            setter.accept(next);
            fields.add(field);
        }
        return this;
    }

    public List<String> fields() {
        return List.copyOf(fields);
    }

    public boolean contains(String field) {
        return fields.contains(field);
    }

    public boolean isEmpty() {
        return fields.isEmpty();
    }
}
