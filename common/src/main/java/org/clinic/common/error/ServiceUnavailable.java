package org.clinic.common.error;

/** A service this request needs is down or too slow. */
public final class ServiceUnavailable extends DomainException {

    public ServiceUnavailable(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 503;
    }
}
