package io.rapport.webapi;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.CellContext;
import io.rapport.metadata.InvalidValueException;
import io.rapport.metadata.ValueChecks;
import io.rapport.metadata.ValueFormatter;
import io.rapport.metadata.types.DecimalType;
import java.math.BigDecimal;

/**
 * A test-only attribute type: a percentage from 0 to 100, stored as a decimal, shown with the language's percent
 * sign, read from cells such as "7,5 %". Everything else (SQL, JSON, form input) is the decimal type's.
 */
class PercentType extends DecimalType {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    PercentType() {
        super("percent", "Decimal");
    }

    @Override
    public Object normalize(AttributeMetadata a, Object value, ValueChecks checks) {
        BigDecimal v = (BigDecimal) super.normalize(a, value, checks);
        if (v.signum() < 0 || v.compareTo(HUNDRED) > 0) {
            throw InvalidValueException.outOfRange(value, "0 to 100");
        }
        return v;
    }

    @Override
    public Object readCell(AttributeMetadata a, String text, CellContext context) {
        return super.readCell(a, text.replace("%", "").trim(), context);
    }

    @Override
    public String format(AttributeMetadata a, Object value, ValueFormatter formatter, ValueFormatter.Context c) {
        return formatter.percent(((BigDecimal) value).movePointLeft(2), digits(a), c.locale());
    }
}
