package io.rapport.metadata.types;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.ValueFormatter;
import java.math.BigDecimal;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/** Amounts of money ({@code money}): four stored decimals, shown in the record's currency. */
public class MoneyType extends DecimalType {

    public MoneyType() {
        super("money", "Money");
    }

    @Override
    public boolean validForKey() {
        return false;
    }

    @Override
    public DataType<?> sqlType(AttributeMetadata a) {
        return SQLDataType.NUMERIC(23, 4);
    }

    @Override
    public String format(AttributeMetadata a, Object value, ValueFormatter formatter, ValueFormatter.Context c) {
        return formatter.money((BigDecimal) value, c.currency(), digits(a), c.locale());
    }

    @Override
    public String inputKind(AttributeMetadata a) {
        return "money";
    }
}
