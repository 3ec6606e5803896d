package org.clinic.common.error;

/** The client-facing message for a bare HTTP status. */
public final class HttpMessages {

    private HttpMessages() {}

    public static String forStatus(int status) {
        return switch (status) {
            case 400 -> "Bad request.";
            case 401 -> ErrorMappers.UNAUTHENTICATED;
            case 403 -> "You do not have permission to perform this action.";
            case 404 -> "Not found.";
            case 405 -> "Method not allowed.";
            case 406 -> "Not acceptable: this API answers application/json.";
            case 409 -> "Conflict.";
            case 412 -> "Precondition failed.";
            case 413 -> "Request body too large: the limit is 1 MiB.";
            case 415 -> "Unsupported media type: send application/json.";
            case 429 -> "Too many requests.";
            case 503 -> "Service temporarily unavailable.";
            default -> status >= 500 ? "Internal server error." : "Request failed.";
        };
    }
}
