package org.clinic.common.error;

/** What was here is no more, for good (an export's files after it expired, API.md §9). */
public final class Gone extends DomainException {

    public Gone(String message) {
        super(message);
    }

    @Override
    public int status() {
        return 410;
    }
}
