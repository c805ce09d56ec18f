package io.rapport.pipeline.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.Caller;
import io.rapport.query.LinkEntity;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fills the formatted values of read records in the caller's language and time zone: option labels, lookup
 * names, numbers, money and dates, as Dataverse's FormattedValues.
 */
final class FormattedValues {

    private FormattedValues() {
    }

    static void apply(MetadataSnapshot s, QueryExpression q, List<Entity> entities, Caller caller) {
        if (q.isAggregate()) {
            return;
        }
        Map<String, EntityMetadata> aliases = new HashMap<>();
        collect(s, q.links(), aliases);
        EntityMetadata root = s.entity(q.entityName());
        Formats formats = new Formats(caller);
        for (Entity entity : entities) {
            for (Map.Entry<String, Object> en : entity.attributes().entrySet()) {
                String key = en.getKey();
                int dot = key.indexOf('.');
                EntityMetadata e = dot < 0 ? root : aliases.get(key.substring(0, dot));
                if (e == null || en.getValue() == null) {
                    continue;
                }
                e.findAttribute(dot < 0 ? key : key.substring(dot + 1)).map(a -> formats.format(a, en.getValue()))
                        .ifPresent(text -> entity.formattedValues().put(key, text));
            }
        }
    }

    private static void collect(MetadataSnapshot s, List<LinkEntity> links, Map<String, EntityMetadata> aliases) {
        for (LinkEntity l : links) {
            if (l.alias() != null) {
                aliases.put(l.alias(), s.entity(l.entityName()));
            }
            collect(s, l.links(), aliases);
        }
    }

    /**
     * The formatters of one read, made once and reused for every value: building a {@code NumberFormat} or a
     * localized {@code DateTimeFormatter} costs far more than formatting with it.
     */
    private static final class Formats {

        private final Caller caller;
        private final Locale locale;
        private final Map<Integer, NumberFormat> decimals = new HashMap<>();
        private NumberFormat integers;
        private DateTimeFormatter dateTimes;
        private DateTimeFormatter dates;

        Formats(Caller caller) {
            this.caller = caller;
            this.locale = caller.locale();
        }

        String format(AttributeMetadata a, Object value) {
            return switch (a.type()) {
                case PICKLIST, STATE, STATUS -> a.optionSet().option((Integer) value).map(o -> o.label()
                        .get(caller.language())).orElse(value.toString());
                case BOOLEAN -> a.optionSet().option(Boolean.TRUE.equals(value) ? 1 : 0)
                        .map(o -> o.label().get(caller.language())).orElse(value.toString());
                case MULTISELECT_PICKLIST -> Arrays.stream((int[]) value).mapToObj(v -> a.optionSet().option(v)
                        .map(o -> o.label().get(caller.language())).orElse(Integer.toString(v)))
                        .collect(Collectors.joining("; "));
                case LOOKUP, CUSTOMER, OWNER -> ((EntityReference) value).name();
                case INTEGER, BIGINT -> {
                    if (integers == null) {
                        integers = NumberFormat.getIntegerInstance(locale);
                    }
                    yield integers.format(value);
                }
                case MONEY, DECIMAL, DOUBLE -> decimals.computeIfAbsent(a.precision() == null ? 2 : a.precision(),
                        digits -> {
                            NumberFormat f = NumberFormat.getNumberInstance(locale);
                            f.setMinimumFractionDigits(digits);
                            f.setMaximumFractionDigits(digits);
                            return f;
                        }).format(value instanceof BigDecimal b ? b : value);
                case DATETIME -> {
                    if (dateTimes == null) {
                        dateTimes = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(locale)
                                .withZone(caller.zone());
                    }
                    yield dateTimes.format((Instant) value);
                }
                case DATE -> {
                    if (dates == null) {
                        dates = DateTimeFormatter.ofLocalizedDate(FormatStyle.SHORT).withLocale(locale);
                    }
                    yield dates.format((LocalDate) value);
                }
                default -> null;
            };
        }
    }
}
