package io.rapport.error;

import java.util.Map;

/**
 * The one exception type of Rapport's business and validation failures. It carries a stable
 * {@link ErrorCode}, a message meant for people, and optionally the attribute it concerns so that forms can
 * show the message beside the field.
 */
public class RapportException extends RuntimeException {

    private final ErrorCode code;
    private final String attribute;
    private final Map<String, Object> details;

    public RapportException(ErrorCode code, String message) {
        this(code, message, null, Map.of(), null);
    }

    public RapportException(ErrorCode code, String message, String attribute) {
        this(code, message, attribute, Map.of(), null);
    }

    public RapportException(ErrorCode code, String message, String attribute, Map<String, Object> details,
            Throwable cause) {
        super(message, cause);
        this.code = code;
        this.attribute = attribute;
        this.details = details == null ? Map.of() : Map.copyOf(details);
    }

    public ErrorCode code() {
        return code;
    }

    /** The attribute logical name the failure is about, or {@code null}. */
    public String attribute() {
        return attribute;
    }

    /** Extra machine-readable details, e.g. the matching records of a duplicate check. */
    public Map<String, Object> details() {
        return details;
    }

    public static RapportException notFound(String entity, Object id) {
        return new RapportException(ErrorCode.OBJECT_DOES_NOT_EXIST,
                entity + " With Id = " + id + " Does Not Exist");
    }

    public static RapportException invalid(String message) {
        return new RapportException(ErrorCode.INVALID_ARGUMENT, message);
    }

    public static RapportException business(String message) {
        return new RapportException(ErrorCode.BUSINESS_RULE, message);
    }
}
