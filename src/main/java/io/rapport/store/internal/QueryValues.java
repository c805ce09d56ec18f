package io.rapport.store.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.InvalidValueException;
import java.time.DateTimeException;
import java.time.ZoneId;

/**
 * Turns a value given in a query condition (typed, or text as FetchXML and URLs carry it) into the column value
 * to compare with, for the attribute's type.
 */
final class QueryValues {

    private QueryValues() {
    }

    static Object toColumn(AttributeMetadata a, Object value, ZoneId zone) {
        if (value == null) {
            return null;
        }
        try {
            return a.type().queryValue(a, value, zone);
        } catch (InvalidValueException e) {
            throw e.kind() == InvalidValueException.Kind.OUT_OF_RANGE ? outOfRange(a, value, e.getMessage())
                    : e.kind() == InvalidValueException.Kind.NUL_CHARACTER ? nul(a) : invalid(a, value);
        } catch (NumberFormatException | DateTimeException e) {
            throw invalid(a, value);
        }
    }

    /**
     * Text to compare with: NUL is refused on both databases alike (PostgreSQL cannot hold it in text, H2 can), so a
     * query behaves the same wherever it runs.
     */
    static RapportException nul(AttributeMetadata a) {
        return new RapportException(ErrorCode.QUERY_INVALID, "The value compared with '" + a.logicalName()
                + "' contains a NUL character (U+0000), which text cannot hold.", a.logicalName());
    }

    static RapportException invalid(AttributeMetadata a, Object value) {
        return new RapportException(ErrorCode.QUERY_INVALID, "The value '" + RapportException.quote(value)
                + "' is not valid for "
                + "attribute '" + a.logicalName() + "' of type " + a.type().dataverseName() + ".", a.logicalName());
    }

    private static RapportException outOfRange(AttributeMetadata a, Object value, String range) {
        return new RapportException(ErrorCode.QUERY_INVALID, "The value " + RapportException.quote(value)
                + " compared with '"
                + a.logicalName() + "' is out of range for its type " + a.type().dataverseName() + " (" + range
                + ").", a.logicalName());
    }
}
