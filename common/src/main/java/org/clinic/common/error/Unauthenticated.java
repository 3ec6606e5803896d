package org.clinic.common.error;

/** Missing, invalid or expired credentials. */
public final class Unauthenticated extends DomainException {

    public Unauthenticated(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 401;
    }
}
