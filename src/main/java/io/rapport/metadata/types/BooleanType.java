package io.rapport.metadata.types;

import java.util.Map;
import java.util.List;
import io.rapport.metadata.OptionSetMetadata;
import io.rapport.metadata.OptionMetadata;
import io.rapport.metadata.Label;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.CellContext;
import io.rapport.metadata.InvalidValueException;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.ValueChecks;
import io.rapport.metadata.ValueFormatter;
import java.time.ZoneId;
import java.util.Set;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/** Two options ({@code boolean}): labelled by the attribute's option set (0 and 1). */
public class BooleanType extends AttributeType {

    private static final Set<String> TRUE = Set.of("true", "yes", "y", "1", "si", "sim", "verdadero", "verdadeiro",
            "x");
    private static final Set<String> FALSE = Set.of("false", "no", "n", "0", "nao", "falso", "");

    public BooleanType() {
        super("boolean", "Boolean");
    }

    @Override
    public boolean isTwoOptions() {
        return true;
    }

    @Override
    public OptionSetMetadata defaultOptionSet(String name) {
        return new OptionSetMetadata(name, false, null, List.of(
                new OptionMetadata(1, new Label(Map.of("en", "Yes", "es", "Sí", "pt-BR", "Sim"))),
                new OptionMetadata(0, new Label(Map.of("en", "No", "es", "No", "pt-BR", "Não")))), false);
    }

    @Override
    public boolean hasOptions() {
        return true;
    }

    @Override
    public String optionSetType() {
        return "Boolean";
    }

    @Override
    public String definitionProblem(AttributeMetadata a, MetadataSnapshot snapshot) {
        return null;
    }

    @Override
    public DataType<?> sqlType(AttributeMetadata a) {
        return SQLDataType.BOOLEAN;
    }

    @Override
    public Class<?> columnJavaType() {
        return Boolean.class;
    }

    @Override
    public Object normalize(AttributeMetadata a, Object value, ValueChecks checks) {
        if (!(value instanceof Boolean)) {
            throw InvalidValueException.wrongType(value, "not true or false");
        }
        return value;
    }

    @Override
    public String edmType() {
        return "Edm.Boolean";
    }

    @Override
    public Object readJson(AttributeMetadata a, JsonNode json) {
        if (!json.isBoolean()) {
            throw InvalidValueException.wrongType(json, "not true or false");
        }
        return json.booleanValue();
    }

    @Override
    public JsonNode writeJson(Object value) {
        return BooleanNode.valueOf((Boolean) value);
    }

    /** Yes or no in English, Spanish or Portuguese, with or without accents. */
    @Override
    public Object readCell(AttributeMetadata a, String text, CellContext context) {
        String k = Values.key(text);
        if (TRUE.contains(k)) {
            return Boolean.TRUE;
        }
        if (FALSE.contains(k)) {
            return Boolean.FALSE;
        }
        throw InvalidValueException.wrongType(text, "'" + text + "' is not yes or no");
    }

    @Override
    public Object parseInput(String text, ZoneId zone) {
        return "1".equals(text) || "true".equalsIgnoreCase(text);
    }

    @Override
    public Object queryValue(AttributeMetadata a, Object value, ZoneId zone) {
        return Values.toBoolean(value);
    }

    @Override
    public String format(AttributeMetadata a, Object value, ValueFormatter formatter, ValueFormatter.Context c) {
        return a.optionSet() == null ? value.toString() : a.optionSet().option(Boolean.TRUE.equals(value) ? 1 : 0)
                .map(o -> o.label().get(c.locale())).orElse(value.toString());
    }

    @Override
    public String inputKind(AttributeMetadata a) {
        return "boolean";
    }

    @Override
    public String filterKind() {
        return "select";
    }
}
