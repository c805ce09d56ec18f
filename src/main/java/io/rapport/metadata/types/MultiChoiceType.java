package io.rapport.metadata.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.CellContext;
import io.rapport.metadata.InvalidValueException;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.ValueChecks;
import io.rapport.metadata.ValueFormatter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/**
 * Several choices of an option set ({@code multiselect_picklist}): an {@code int[]} in Java, {@code "1,2"} in
 * JSON, and {@code ,1,2,} in its column so that one choice is found with a LIKE.
 */
public class MultiChoiceType extends AttributeType {

    public MultiChoiceType() {
        super("multiselect_picklist", "Virtual");
    }

    @Override
    public boolean isMultiSelect() {
        return true;
    }

    @Override
    public boolean hasCustomOptions() {
        return true;
    }

    @Override
    public boolean validForKey() {
        return false;
    }

    @Override
    public boolean inDefaultViews() {
        return false;
    }

    @Override
    public boolean hasOptions() {
        return true;
    }

    @Override
    public String metadataKind() {
        return "MultiSelectPicklist";
    }

    @Override
    public String typeName() {
        return "MultiSelectPicklistType";
    }

    @Override
    public String definitionProblem(AttributeMetadata a, MetadataSnapshot snapshot) {
        return ChoiceType.optionsProblem(a, snapshot);
    }

    @Override
    public DataType<?> sqlType(AttributeMetadata a) {
        return SQLDataType.VARCHAR(4000);
    }

    @Override
    public Class<?> columnJavaType() {
        return String.class;
    }

    @Override
    public Class<?> queryJavaType() {
        return Integer.class;
    }

    @Override
    public Object toColumn(Object value) {
        int[] values = (int[]) value;
        if (values.length == 0) {
            return null;
        }
        return Arrays.stream(values).sorted().distinct().mapToObj(Integer::toString)
                .collect(Collectors.joining(",", ",", ","));
    }

    @Override
    public Object fromColumn(Object column) {
        return Arrays.stream(((String) column).split(",")).filter(s -> !s.isEmpty()).mapToInt(Integer::parseInt)
                .toArray();
    }

    @Override
    public Object normalize(AttributeMetadata a, Object value, ValueChecks checks) {
        int[] values;
        if (value instanceof int[] array) {
            values = array.clone();
        } else if (value instanceof Collection<?> c) {
            values = new int[c.size()];
            int i = 0;
            for (Object o : c) {
                if (!(o instanceof Integer v)) {
                    throw InvalidValueException.wrongType(value, "not a list of option values");
                }
                values[i++] = v;
            }
        } else {
            throw InvalidValueException.wrongType(value, "not a list of option values");
        }
        for (int v : values) {
            if (!a.optionSet().contains(v)) {
                throw Values.invalidOption(v);
            }
        }
        int[] distinct = Arrays.stream(values).sorted().distinct().toArray();
        return distinct.length == 0 ? null : distinct;
    }

    @Override
    public String edmType() {
        return "Edm.String";
    }

    @Override
    public Object readJson(AttributeMetadata a, JsonNode json) {
        if (!json.isTextual()) {
            throw InvalidValueException.wrongType(json, "not a text of option values");
        }
        String t = json.asText().trim();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return Arrays.stream(t.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
        } catch (NumberFormatException ex) {
            throw InvalidValueException.wrongType(json, "not a text of option values");
        }
    }

    @Override
    public JsonNode writeJson(Object value) {
        return TextNode.valueOf(Arrays.stream((int[]) value).mapToObj(Integer::toString)
                .collect(Collectors.joining(",")));
    }

    /** Choices by label or value, separated by ";" or ",". */
    @Override
    public Object readCell(AttributeMetadata a, String text, CellContext context) {
        List<Integer> values = new ArrayList<>();
        for (String part : text.split("[;,]")) {
            if (!part.isBlank()) {
                values.add(ChoiceType.option(a, part.trim()));
            }
        }
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    /** One chosen value per posted field; the form binder collects them. */
    @Override
    public Object parseInput(String text, ZoneId zone) {
        return text.isBlank() ? new int[0] : Arrays.stream(text.split(",")).map(String::trim)
                .mapToInt(Integer::parseInt).toArray();
    }

    @Override
    public Object queryValue(AttributeMetadata a, Object value, ZoneId zone) {
        return AttributeType.INTEGER.queryValue(a, value, zone);
    }

    @Override
    public String format(AttributeMetadata a, Object value, ValueFormatter formatter, ValueFormatter.Context c) {
        return Arrays.stream((int[]) value).mapToObj(v -> a.optionSet().option(v)
                .map(o -> o.label().get(c.locale())).orElse(Integer.toString(v))).collect(Collectors.joining("; "));
    }

    @Override
    public String inputKind(AttributeMetadata a) {
        return "multiselect";
    }
}
