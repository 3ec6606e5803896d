package org.clinic.common.error;

/** A duplicate, or a state change that is not allowed from the current state. */
public final class Conflict extends DomainException {

    public Conflict(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 409;
    }
}
