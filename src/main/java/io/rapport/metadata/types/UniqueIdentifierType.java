package io.rapport.metadata.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.CellContext;
import io.rapport.metadata.InvalidValueException;
import io.rapport.metadata.ValueChecks;
import java.time.ZoneId;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/** Ids ({@code uniqueidentifier}): primary keys and other GUIDs, set by the platform. */
public class UniqueIdentifierType extends AttributeType {

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    public UniqueIdentifierType() {
        super("uniqueidentifier", "Uniqueidentifier");
    }

    @Override
    public boolean inDefaultViews() {
        return false;
    }

    @Override
    public boolean editableOnDefaultForm(AttributeMetadata a) {
        return false;
    }

    @Override
    public String metadataKind() {
        return "UniqueIdentifier";
    }

    @Override
    public DataType<?> sqlType(AttributeMetadata a) {
        return SQLDataType.UUID;
    }

    @Override
    public Class<?> columnJavaType() {
        return UUID.class;
    }

    @Override
    public Object fromColumn(Object column) {
        return column instanceof UUID ? column : UUID.fromString(column.toString());
    }

    @Override
    public Object normalize(AttributeMetadata a, Object value, ValueChecks checks) {
        return toUuid(value);
    }

    /** An id given as a UUID or its text. */
    public static UUID toUuid(Object value) {
        if (value == null || value instanceof UUID) {
            return (UUID) value;
        }
        if (value instanceof String str) {
            try {
                return UUID.fromString(str);
            } catch (IllegalArgumentException ex) {
                throw InvalidValueException.wrongType(value, "not an id");
            }
        }
        throw InvalidValueException.wrongType(value, "not an id");
    }

    @Override
    public String edmType() {
        return "Edm.Guid";
    }

    @Override
    public Object readJson(AttributeMetadata a, JsonNode json) {
        if (!json.isTextual() || !GUID.matcher(json.asText()).matches()) {
            throw InvalidValueException.wrongType(json, "not a GUID");
        }
        return UUID.fromString(json.asText());
    }

    @Override
    public JsonNode writeJson(Object value) {
        return TextNode.valueOf(value.toString());
    }

    @Override
    public Object readCell(AttributeMetadata a, String text, CellContext context) {
        try {
            return UUID.fromString(text.replace("{", "").replace("}", ""));
        } catch (IllegalArgumentException e) {
            throw InvalidValueException.wrongType(text, "'" + text + "' is not an id");
        }
    }

    @Override
    public Object parseInput(String text, ZoneId zone) {
        return UUID.fromString(text);
    }

    @Override
    public Object queryValue(AttributeMetadata a, Object value, ZoneId zone) {
        return Values.toUuid(value);
    }

    @Override
    public String inputKind(AttributeMetadata a) {
        return "readonly";
    }
}
