package org.clinic.common.error;

import java.util.List;
import java.util.Map;

/**
 * The small family of errors feature code throws; {@link ErrorMappers} turns each into its
 * status and the envelope. The message is shown to the client, so it never holds internals.
 */
public abstract sealed class DomainException extends RuntimeException
        permits NotFound,
                Conflict,
                Forbidden,
                Gone,
                InvalidRequest,
                PreconditionFailed,
                Unauthenticated,
                ServiceUnavailable {

    protected DomainException(String message) {
        super(message, null, false, false);
    }

    public abstract int status();

    /** Field errors for a 400; null for every other error. */
    public Map<String, List<String>> errors() {
        return null;
    }
}
