package io.rapport.metadata.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.LongNode;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.InvalidValueException;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/** Whole numbers of 64 bits ({@code bigint}). */
public class BigIntType extends WholeNumberType {

    public BigIntType() {
        super("bigint", "BigInt");
    }

    @Override
    protected long min() {
        return Long.MIN_VALUE;
    }

    @Override
    protected long max() {
        return Long.MAX_VALUE;
    }

    @Override
    protected Object box(long value) {
        return value;
    }

    @Override
    public DataType<?> sqlType(AttributeMetadata a) {
        return SQLDataType.BIGINT;
    }

    @Override
    public Class<?> columnJavaType() {
        return Long.class;
    }

    @Override
    public String edmType() {
        return "Edm.Int64";
    }

    @Override
    public Object readJson(AttributeMetadata a, JsonNode json) {
        if (!json.isIntegralNumber() || !json.canConvertToLong()) {
            throw InvalidValueException.wrongType(json, "not a 64-bit whole number");
        }
        return json.longValue();
    }

    @Override
    public JsonNode writeJson(Object value) {
        return LongNode.valueOf(((Number) value).longValue());
    }
}
