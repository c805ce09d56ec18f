package io.rapport.metadata.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
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

/** Exact decimals ({@code decimal}), rounded to the attribute's precision on write. */
public class DecimalType extends AttributeType {

    public DecimalType(String name, String dataverseName) {
        super(name, dataverseName);
    }

    /** The number of decimals the attribute keeps. */
    protected static int digits(AttributeMetadata a) {
        return a.precision() == null ? 2 : a.precision();
    }

    @Override
    public boolean isNumeric() {
        return true;
    }

    @Override
    public Integer defaultPrecision() {
        return 2;
    }

    @Override
    public String definitionProblem(AttributeMetadata a, MetadataSnapshot snapshot) {
        Integer p = a.precision();
        return p == null || p < 0 || p > 10 ? "precision must be between 0 and 10." : null;
    }

    @Override
    public DataType<?> sqlType(AttributeMetadata a) {
        // ten decimals; the attribute's precision rounds on write
        return SQLDataType.NUMERIC(32, 10);
    }

    @Override
    public Class<?> columnJavaType() {
        return BigDecimal.class;
    }

    @Override
    public Object fromColumn(Object column) {
        BigDecimal bd = column instanceof BigDecimal b ? b : new BigDecimal(column.toString());
        BigDecimal stripped = bd.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    @Override
    public Object normalize(AttributeMetadata a, Object value, ValueChecks checks) {
        return Values.range(a, Values.scaled(Values.decimal(value), digits(a)));
    }

    @Override
    public String edmType() {
        return "Edm.Decimal";
    }

    @Override
    public Object readJson(AttributeMetadata a, JsonNode json) {
        if (!json.isNumber()) {
            throw InvalidValueException.wrongType(json, "not a number");
        }
        return json.decimalValue();
    }

    @Override
    public JsonNode writeJson(Object value) {
        // as Jackson's node factory writes decimals elsewhere: without trailing zeros
        return JsonNodeFactory.instance.numberNode(Values.number(value));
    }

    @Override
    public Object readCell(AttributeMetadata a, String text, CellContext context) {
        return Values.cellDecimal(text);
    }

    @Override
    public Object writeCell(AttributeMetadata a, Object value, String formatted) {
        return value;
    }

    @Override
    public Object parseInput(String text, ZoneId zone) {
        return new BigDecimal(text);
    }

    @Override
    public Object queryValue(AttributeMetadata a, Object value, ZoneId zone) {
        BigDecimal n = Values.number(value);
        DataType<?> column = sqlType(a);
        int whole = column.precision() - column.scale();
        if (n.abs().compareTo(BigDecimal.ONE.scaleByPowerOfTen(whole)) >= 0) {
            throw InvalidValueException.outOfRange(value, "less than 1E+" + whole + " either way");
        }
        return n;
    }

    @Override
    public String format(AttributeMetadata a, Object value, ValueFormatter formatter, ValueFormatter.Context c) {
        return formatter.decimal((Number) value, digits(a), c.locale());
    }

    @Override
    public String inputKind(AttributeMetadata a) {
        return "decimal";
    }

    @Override
    public String filterKind() {
        return "number";
    }
}
