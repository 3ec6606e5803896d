package org.clinic.common.error;

/** Authenticated, but the role or clinic does not allow this. */
public final class Forbidden extends DomainException {

    public Forbidden(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 403;
    }
}
