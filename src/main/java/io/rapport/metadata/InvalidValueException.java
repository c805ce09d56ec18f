package io.rapport.metadata;

/**
 * A value an attribute type cannot accept. The type says what is wrong ({@link Kind}); each edge turns that into
 * its own error (a Dataverse error body, a message on the form, a rejected import row).
 */
public final class InvalidValueException extends RuntimeException {

    /** What is wrong with the value. */
    public enum Kind {
        /** Not a value of the type at all ("abc" for a number). */
        WRONG_TYPE,
        /** A value of the type outside the attribute's or the type's range. */
        OUT_OF_RANGE,
        /** A number that is not one of the attribute's choices. */
        INVALID_OPTION,
        /** Text longer than the attribute's maximum length. */
        TOO_LONG,
        /** Text with a NUL character, which PostgreSQL text cannot hold. */
        NUL_CHARACTER,
        /** A value of the right type in a shape the attribute's format refuses (an email without @). */
        INVALID_FORMAT
    }

    private final Kind kind;
    private final transient Object value;

    public InvalidValueException(Kind kind, Object value, String reason) {
        super(reason, null, false, false);
        this.kind = kind;
        this.value = value;
    }

    public static InvalidValueException wrongType(Object value, String reason) {
        return new InvalidValueException(Kind.WRONG_TYPE, value, reason);
    }

    public static InvalidValueException outOfRange(Object value, String reason) {
        return new InvalidValueException(Kind.OUT_OF_RANGE, value, reason);
    }

    public Kind kind() {
        return kind;
    }

    /** The value that was refused (for an invalid option, the option value). */
    public Object value() {
        return value;
    }
}
