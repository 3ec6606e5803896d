package org.clinic.common.error;

/** If-Match named a version that is no longer current. */
public final class PreconditionFailed extends DomainException {

    public PreconditionFailed(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 412;
    }
}
