package io.rapport.metadata.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.CellContext;
import io.rapport.metadata.InvalidValueException;
import io.rapport.metadata.InvalidValueException.Kind;
import io.rapport.metadata.MetadataSnapshot;
import java.time.ZoneId;
import java.util.regex.Pattern;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/** Single-line text ({@code string}, with an email/url/phone format) and multi-line text ({@code memo}). */
public class TextType extends AttributeType {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private final int defaultMaxLength;
    private final int longestMaxLength;
    private final boolean multiLine;

    public TextType(String name, String dataverseName, int defaultMaxLength, int longestMaxLength,
            boolean multiLine) {
        super(name, dataverseName);
        this.defaultMaxLength = defaultMaxLength;
        this.longestMaxLength = longestMaxLength;
        this.multiLine = multiLine;
    }

    @Override
    public boolean isMultiline() {
        return multiLine;
    }

    @Override
    public boolean validForKey() {
        return !multiLine;
    }

    @Override
    public boolean inDefaultViews() {
        return !multiLine;
    }

    @Override
    public boolean editableOnDefaultForm(AttributeMetadata a) {
        return !(multiLine && a.maxLength() != null && a.maxLength() > 100_000);
    }

    @Override
    public boolean canMapTo(AttributeMetadata from, AttributeMetadata to) {
        return to.type().isText();
    }

    @Override
    public boolean isText() {
        return true;
    }

    @Override
    public Integer defaultMaxLength() {
        return defaultMaxLength;
    }

    @Override
    public String definitionProblem(AttributeMetadata a, MetadataSnapshot snapshot) {
        Integer max = a.maxLength();
        return max == null || max < 1 || max > longestMaxLength
                ? "maxLength must be between 1 and " + longestMaxLength + "." : null;
    }

    @Override
    public DataType<?> sqlType(AttributeMetadata a) {
        return SQLDataType.VARCHAR(a.maxLength());
    }

    @Override
    public Class<?> columnJavaType() {
        return String.class;
    }

    @Override
    public Object normalize(AttributeMetadata a, Object value, io.rapport.metadata.ValueChecks checks) {
        if (!(value instanceof String str)) {
            throw InvalidValueException.wrongType(value, "not text");
        }
        if (str.isEmpty()) {
            return null;
        }
        if (str.indexOf('\0') >= 0) {
            // PostgreSQL cannot store NUL in text and H2 can: refused on both so that data moves between them
            throw new InvalidValueException(Kind.NUL_CHARACTER, value, "contains a NUL character (U+0000)");
        }
        if (str.length() > a.maxLength()) {
            throw new InvalidValueException(Kind.TOO_LONG, value, "longer than " + a.maxLength());
        }
        if ("email".equals(a.format()) && !EMAIL.matcher(str.trim()).matches()) {
            throw new InvalidValueException(Kind.INVALID_FORMAT, value, "'" + str
                    + "' is not a valid email address for '" + a.logicalName() + "'.");
        }
        return str;
    }

    @Override
    public String edmType() {
        return "Edm.String";
    }

    @Override
    public Object readJson(AttributeMetadata a, JsonNode json) {
        if (!json.isTextual()) {
            throw InvalidValueException.wrongType(json, "not a JSON string");
        }
        return json.asText();
    }

    @Override
    public JsonNode writeJson(Object value) {
        return TextNode.valueOf(value.toString());
    }

    @Override
    public Object readCell(AttributeMetadata a, String text, CellContext context) {
        return text;
    }

    @Override
    public Object parseInput(String text, ZoneId zone) {
        return text;
    }

    @Override
    public Object queryValue(AttributeMetadata a, Object value, ZoneId zone) {
        String s = value.toString();
        if (s.indexOf('\0') >= 0) {
            // refused on both databases alike (PostgreSQL cannot hold it in text, H2 can)
            throw new InvalidValueException(Kind.NUL_CHARACTER, value, "contains a NUL character (U+0000)");
        }
        return s;
    }

    @Override
    public String inputKind(AttributeMetadata a) {
        if (!a.isReadable()) {
            return "password";
        }
        if (multiLine || "textarea".equals(a.format())) {
            return "memo";
        }
        if (a.format() == null) {
            return "text";
        }
        return switch (a.format()) {
            case "email" -> "email";
            case "url" -> "url";
            case "phone" -> "tel";
            default -> "text";
        };
    }

    @Override
    public String filterKind() {
        return "text";
    }
}
