package io.rapport.importing.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.CellContext;
import io.rapport.metadata.InvalidValueException;
import java.time.ZoneId;

/**
 * Turns the text of a cell into the value of an attribute by asking the attribute's type (numbers with either
 * decimal separator and thousands groups, currency symbols, dates in ISO or the importer's local day/month order,
 * yes/no in three languages, choices by label in any language or value). Lookups are resolved elsewhere.
 */
final class ValueParser {

    /** Why a cell could not be read. */
    static final class BadValue extends Exception {
        BadValue(String message) {
            super(message, null, false, false);
        }
    }

    private final CellContext context;

    ValueParser(String language, ZoneId zone) {
        this.context = CellContext.of(language, zone);
    }

    Object parse(AttributeMetadata a, String raw) throws BadValue {
        String text = raw.trim();
        try {
            return a.type().readCell(a, text, context);
        } catch (InvalidValueException e) {
            throw new BadValue(e.getMessage());
        } catch (ArithmeticException e) {
            throw new BadValue("'" + text + "' is too large");
        }
    }
}
