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
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/**
 * Points in time ({@code datetime}, Dataverse's "user local" behaviour): stored in UTC to the millisecond, shown
 * in the user's time zone.
 */
public class DateTimeType extends AttributeType {

    static final Instant MIN = Instant.parse("1753-01-01T00:00:00Z");
    static final Instant MAX = Instant.parse("9999-12-31T23:59:59Z");

    public DateTimeType() {
        super("datetime", "DateTime");
    }

    @Override
    public boolean isDate() {
        return true;
    }

    @Override
    public String metadataFormat(AttributeMetadata a) {
        return "DateAndTime";
    }

    @Override
    public String definitionProblem(AttributeMetadata a, MetadataSnapshot snapshot) {
        return null;
    }

    @Override
    public DataType<?> sqlType(AttributeMetadata a) {
        return SQLDataType.LOCALDATETIME(3);
    }

    @Override
    public Class<?> columnJavaType() {
        return LocalDateTime.class;
    }

    @Override
    public Object toColumn(Object value) {
        return LocalDateTime.ofInstant((Instant) value, ZoneOffset.UTC);
    }

    @Override
    public Object fromColumn(Object column) {
        return column instanceof LocalDateTime ldt ? ldt.toInstant(ZoneOffset.UTC) : column;
    }

    @Override
    public Object normalize(AttributeMetadata a, Object value, ValueChecks checks) {
        return instant(value);
    }

    static Instant instant(Object value) {
        Instant i;
        if (value instanceof Instant instant) {
            i = instant;
        } else if (value instanceof OffsetDateTime o) {
            i = o.toInstant();
        } else if (value instanceof ZonedDateTime z) {
            i = z.toInstant();
        } else if (value instanceof java.util.Date d) {
            i = d.toInstant();
        } else if (value instanceof LocalDate d) {
            i = d.atStartOfDay(ZoneOffset.UTC).toInstant();
        } else {
            throw InvalidValueException.wrongType(value, "not a date and time");
        }
        if (i.isBefore(MIN) || i.isAfter(MAX)) {
            throw InvalidValueException.outOfRange(value, "1753 to 9999");
        }
        return i.truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public String edmType() {
        return "Edm.DateTimeOffset";
    }

    @Override
    public Object readJson(AttributeMetadata a, JsonNode json) {
        String t = json.isTextual() ? json.asText() : "";
        try {
            return t.length() == 10 ? LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException ex) {
            throw InvalidValueException.wrongType(json, "not an ISO 8601 date and time");
        }
    }

    @Override
    public JsonNode writeJson(Object value) {
        return TextNode.valueOf(value.toString());
    }

    /** ISO text with an offset, or a local date and time (in the importer's day/month order) in its zone. */
    @Override
    public Object readCell(AttributeMetadata a, String text, CellContext context) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            // fall through to local forms
        }
        String day = context.dayFirst() ? "d/M/yyyy" : "M/d/yyyy";
        for (String pattern : List.of("yyyy-MM-dd'T'HH:mm[:ss][.SSS]", "yyyy-MM-dd HH:mm[:ss]", day + " H:mm[:ss]",
                day + " h:mm[:ss] a")) {
            try {
                return LocalDateTime.parse(text, DateTimeFormatter.ofPattern(pattern, Locale.ROOT))
                        .atZone(context.zone()).toInstant();
            } catch (DateTimeParseException e) {
                // next pattern
            }
        }
        return DateOnlyType.cellDate(text, context).atStartOfDay(context.zone()).toInstant();
    }

    @Override
    public Object parseInput(String text, ZoneId zone) {
        return LocalDateTime.parse(text).atZone(zone).toInstant();
    }

    @Override
    public Object queryValue(AttributeMetadata a, Object value, ZoneId zone) {
        return LocalDateTime.ofInstant(Values.toInstant(value, zone), ZoneOffset.UTC);
    }

    @Override
    public String format(AttributeMetadata a, Object value, ValueFormatter formatter, ValueFormatter.Context c) {
        return formatter.dateTime((Instant) value, c.locale(), c.zone());
    }

    @Override
    public String inputKind(AttributeMetadata a) {
        return "datetime";
    }

    @Override
    public String filterKind() {
        return "date";
    }
}
