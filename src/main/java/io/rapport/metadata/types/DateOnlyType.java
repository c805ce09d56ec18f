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
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/** Calendar dates ({@code date}, Dataverse's "date only" behaviour): never shifted by a time zone. */
public class DateOnlyType extends AttributeType {

    public DateOnlyType() {
        super("date", "DateTime");
    }

    @Override
    public boolean isDate() {
        return true;
    }

    @Override
    public boolean isDateOnly() {
        return true;
    }

    @Override
    public String defaultFormat() {
        return "dateonly";
    }

    @Override
    public String metadataFormat(AttributeMetadata a) {
        return "DateOnly";
    }

    @Override
    public String definitionProblem(AttributeMetadata a, MetadataSnapshot snapshot) {
        return null;
    }

    @Override
    public DataType<?> sqlType(AttributeMetadata a) {
        return SQLDataType.LOCALDATE;
    }

    @Override
    public Class<?> columnJavaType() {
        return LocalDate.class;
    }

    @Override
    public Object fromColumn(Object column) {
        return column instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) column;
    }

    @Override
    public Object normalize(AttributeMetadata a, Object value, ValueChecks checks) {
        LocalDate d;
        if (value instanceof LocalDate local) {
            d = local;
        } else if (value instanceof Instant || value instanceof OffsetDateTime || value instanceof ZonedDateTime) {
            d = LocalDate.ofInstant(DateTimeType.instant(value), ZoneOffset.UTC);
        } else {
            throw InvalidValueException.wrongType(value, "not a date");
        }
        if (d.getYear() < 1753 || d.getYear() > 9999) {
            throw InvalidValueException.outOfRange(value, "1753 to 9999");
        }
        return d;
    }

    @Override
    public String edmType() {
        return "Edm.Date";
    }

    @Override
    public Object readJson(AttributeMetadata a, JsonNode json) {
        if (!json.isTextual()) {
            throw InvalidValueException.wrongType(json, "not an ISO 8601 date");
        }
        String t = json.asText();
        try {
            return LocalDate.parse(t.length() > 10 ? t.substring(0, 10) : t);
        } catch (DateTimeParseException ex) {
            throw InvalidValueException.wrongType(json, "not an ISO 8601 date");
        }
    }

    @Override
    public JsonNode writeJson(Object value) {
        return TextNode.valueOf(value.toString());
    }

    @Override
    public Object readCell(AttributeMetadata a, String text, CellContext context) {
        return cellDate(text, context);
    }

    /** The importer's own day/month order first; the other order when the text can only mean that (31/12/2027). */
    static LocalDate cellDate(String text, CellContext context) {
        boolean dayFirst = context.dayFirst();
        String day = dayFirst ? "d/M/yyyy" : "M/d/yyyy";
        String otherDay = dayFirst ? "M/d/yyyy" : "d/M/yyyy";
        String shortDay = dayFirst ? "d/M/yy" : "M/d/yy";
        for (String pattern : List.of("yyyy-MM-dd", "yyyy/M/d", day, "d.M.yyyy", dayFirst ? "d-M-yyyy" : "M-d-yyyy",
                shortDay, otherDay)) {
            try {
                return LocalDate.parse(text, DateTimeFormatter.ofPattern(pattern, Locale.ROOT));
            } catch (DateTimeParseException e) {
                // next pattern
            }
        }
        throw InvalidValueException.wrongType(text, "'" + text + "' is not a date");
    }

    @Override
    public Object parseInput(String text, ZoneId zone) {
        return LocalDate.parse(text);
    }

    @Override
    public Object queryValue(AttributeMetadata a, Object value, ZoneId zone) {
        return Values.toLocalDate(value, zone);
    }

    @Override
    public String format(AttributeMetadata a, Object value, ValueFormatter formatter, ValueFormatter.Context c) {
        return formatter.date((LocalDate) value, c.locale());
    }

    @Override
    public String inputKind(AttributeMetadata a) {
        return "date";
    }

    @Override
    public String filterKind() {
        return "date";
    }
}
