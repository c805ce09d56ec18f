package io.rapport.metadata.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.CellContext;
import io.rapport.metadata.InvalidValueException;
import io.rapport.metadata.ValueChecks;
import java.math.BigDecimal;
import java.time.ZoneId;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/** Floating-point numbers ({@code double}). */
public class DoubleType extends DecimalType {

    public DoubleType() {
        super("double", "Double");
    }

    @Override
    public boolean validForKey() {
        return false;
    }

    @Override
    public DataType<?> sqlType(AttributeMetadata a) {
        return SQLDataType.DOUBLE;
    }

    @Override
    public Class<?> columnJavaType() {
        return Double.class;
    }

    @Override
    public Object fromColumn(Object column) {
        return ((Number) column).doubleValue();
    }

    @Override
    public Object normalize(AttributeMetadata a, Object value, ValueChecks checks) {
        return Values.range(a, Values.decimal(value)).doubleValue();
    }

    @Override
    public String edmType() {
        return "Edm.Double";
    }

    @Override
    public Object readJson(AttributeMetadata a, JsonNode json) {
        if (!json.isNumber()) {
            throw InvalidValueException.wrongType(json, "not a number");
        }
        return json.doubleValue();
    }

    @Override
    public JsonNode writeJson(Object value) {
        return DoubleNode.valueOf(((Number) value).doubleValue());
    }

    @Override
    public Object readCell(AttributeMetadata a, String text, CellContext context) {
        return Values.cellDecimal(text).doubleValue();
    }

    @Override
    public Object parseInput(String text, ZoneId zone) {
        return Double.parseDouble(text);
    }

    @Override
    public Object queryValue(AttributeMetadata a, Object value, ZoneId zone) {
        double d = value instanceof Number n && !(value instanceof BigDecimal) ? n.doubleValue()
                : Values.number(value).doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw InvalidValueException.outOfRange(value, "a finite double");
        }
        return d;
    }
}
