package io.rapport.error;

/**
 * Stable error codes, numbered as Dataverse numbers them so that clients written for Dataverse can branch on
 * them. Each code carries the HTTP status the Web API answers with.
 */
public enum ErrorCode {
    OBJECT_DOES_NOT_EXIST(0x80040217, 404),
    ENTITY_NOT_FOUND(0x80041002, 404),
    INVALID_ARGUMENT(0x80040203, 400),
    ATTRIBUTE_NOT_FOUND(0x80041103, 400),
    REQUIRED_ATTRIBUTE_MISSING(0x80040200, 400),
    STRING_TOO_LONG(0x80044331, 400),
    VALUE_OUT_OF_RANGE(0x80044330, 400),
    INVALID_OPTION_VALUE(0x8004431a, 400),
    INVALID_TYPE(0x80048d19, 400),
    LOOKUP_TARGET_MISSING(0x80040217, 404),
    INVALID_LOOKUP_TYPE(0x80040256, 400),
    DUPLICATE_KEY(0x80040237, 412),
    DUPLICATE_ALTERNATE_KEY(0x80060892, 412),
    /** Duplicate detection found matching records; the details list them. */
    DUPLICATE_RECORD(0x80040333, 412),
    CONCURRENCY_VERSION_MISMATCH(0x80060882, 412),
    RECORD_ALREADY_EXISTS(0x80040237, 412),
    CANNOT_DELETE_RESTRICTED(0x80040266, 400),
    DEPTH_EXCEEDED(0x80044182, 400),
    INVALID_STATE_TRANSITION(0x80040261, 400),
    RECORD_READ_ONLY(0x80040b0a, 400),
    BUSINESS_RULE(0x80040265, 400),
    PRIVILEGE_DENIED(0x80040220, 403),
    ACCESS_DENIED(0x80042f06, 403),
    NOT_AUTHENTICATED(0x8005f101, 401),
    METADATA_INVALID(0x80047020, 400),
    METADATA_NAME_TAKEN(0x80047013, 400),
    MESSAGE_NOT_SUPPORTED(0x80040800, 400),
    QUERY_INVALID(0x80040203, 400),
    RESOURCE_NOT_FOUND(0x8006088a, 404),
    METHOD_NOT_ALLOWED(0x80060888, 405),
    PAYLOAD_TOO_LARGE(0x8006089a, 413),
    /** More link-entity elements (or {@code $expand} options) in one query than the limit (15 in Dataverse). */
    TOO_MANY_LINK_ENTITIES(0x8004430d, 400),
    /** More conditions and link-entity elements in one query than the limit (500 in Dataverse). */
    TOO_MANY_CONDITIONS(0x8004430c, 400),
    /** A statement ran longer than the statement timeout and was cancelled (Dataverse's SQL timeout code). */
    QUERY_TIMEOUT(0x80044151, 400),
    /** A request body in a media type the endpoint does not read (the Web API writes JSON, $batch multipart). */
    UNSUPPORTED_MEDIA_TYPE(0x80060888, 415),
    RATE_LIMIT_EXCEEDED(0x80072322, 429),
    /** The combined execution time of one user's requests in the window exceeded the budget. */
    EXECUTION_TIME_LIMIT_EXCEEDED(0x80072321, 429),
    CONCURRENCY_LIMIT_EXCEEDED(0x80072326, 429),
    INVALID_PAYLOAD(0x80060891, 400),
    /** A change-tracking data version (delta token) that expired or is not one: the client must sync in full. */
    EXPIRED_VERSION_STAMP(0x80044352, 400),
    ODATA_SYNTAX_ERROR(0x80060888, 400),
    UNEXPECTED(0x80040216, 500);

    private final int code;
    private final int httpStatus;

    ErrorCode(int code, int httpStatus) {
        this.code = code;
        this.httpStatus = httpStatus;
    }

    /** The Dataverse-style hex code, e.g. {@code 0x80040217}. */
    public String hex() {
        return String.format("0x%08x", code);
    }

    /** The signed 32-bit value the Dataverse SDK reports. */
    public int value() {
        return code;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /**
     * The code to report with an HTTP status that arose outside Rapport's own errors (a missing parameter, an
     * unknown path, a method not allowed), so that every error body carries a Dataverse code.
     */
    public static ErrorCode forStatus(int status) {
        return switch (status) {
            case 401 -> NOT_AUTHENTICATED;
            case 403 -> PRIVILEGE_DENIED;
            case 404 -> RESOURCE_NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 413 -> PAYLOAD_TOO_LARGE;
            case 415 -> INVALID_PAYLOAD;
            case 429 -> RATE_LIMIT_EXCEEDED;
            default -> status >= 500 ? UNEXPECTED : INVALID_ARGUMENT;
        };
    }
}
