package io.rapport.metadata.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.CellContext;
import io.rapport.metadata.InvalidValueException;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.ValueChecks;
import io.rapport.metadata.ValueFormatter;
import java.math.BigDecimal;
import java.time.ZoneId;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/** Whole numbers of 32 bits ({@code integer}). */
public class WholeNumberType extends AttributeType {

    public WholeNumberType() {
        this("integer", "Integer");
    }

    protected WholeNumberType(String name, String dataverseName) {
        super(name, dataverseName);
    }

    protected long min() {
        return Integer.MIN_VALUE;
    }

    protected long max() {
        return Integer.MAX_VALUE;
    }

    /** The Java value of a whole number that fits the type. */
    protected Object box(long value) {
        return (int) value;
    }

    @Override
    public boolean isNumeric() {
        return true;
    }

    @Override
    public String definitionProblem(AttributeMetadata a, MetadataSnapshot snapshot) {
        return null;
    }

    @Override
    public DataType<?> sqlType(AttributeMetadata a) {
        return SQLDataType.INTEGER;
    }

    @Override
    public Class<?> columnJavaType() {
        return Integer.class;
    }

    @Override
    public Object fromColumn(Object column) {
        return box(((Number) column).longValue());
    }

    @Override
    public Object normalize(AttributeMetadata a, Object value, ValueChecks checks) {
        return box(Values.range(a, BigDecimal.valueOf(Values.whole(value, min(), max()))).longValue());
    }

    @Override
    public String edmType() {
        return "Edm.Int32";
    }

    @Override
    public Object readJson(AttributeMetadata a, JsonNode json) {
        if (!json.isIntegralNumber() || !json.canConvertToInt()) {
            throw InvalidValueException.wrongType(json, "not a 32-bit whole number");
        }
        return json.intValue();
    }

    @Override
    public JsonNode writeJson(Object value) {
        return IntNode.valueOf(((Number) value).intValue());
    }

    @Override
    public Object readCell(AttributeMetadata a, String text, CellContext context) {
        return box(Values.cellWholeNumber(text, min(), max()));
    }

    @Override
    public Object writeCell(AttributeMetadata a, Object value, String formatted) {
        return value;
    }

    @Override
    public Object parseInput(String text, ZoneId zone) {
        long v = Long.parseLong(text);
        if (v < min() || v > max()) {
            throw new NumberFormatException("out of range: " + text);
        }
        return box(v);
    }

    @Override
    public Object queryValue(AttributeMetadata a, Object value, ZoneId zone) {
        BigDecimal n = Values.number(value);
        if (n.compareTo(BigDecimal.valueOf(min())) < 0 || n.compareTo(BigDecimal.valueOf(max())) > 0) {
            throw InvalidValueException.outOfRange(value, min() + " to " + max());
        }
        if (n.stripTrailingZeros().scale() > 0) {
            throw InvalidValueException.wrongType(value, "not a whole number");
        }
        return box(n.longValue());
    }

    @Override
    public String format(AttributeMetadata a, Object value, ValueFormatter formatter, ValueFormatter.Context c) {
        return formatter.wholeNumber((Number) value, c.locale());
    }

    @Override
    public String inputKind(AttributeMetadata a) {
        return "integer";
    }

    @Override
    public String filterKind() {
        return "number";
    }
}
