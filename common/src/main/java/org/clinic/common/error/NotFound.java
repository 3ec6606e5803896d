package org.clinic.common.error;

/** A resource that does not exist in the caller's clinic (including one of another clinic). */
public final class NotFound extends DomainException {

    public NotFound(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 404;
    }
}
