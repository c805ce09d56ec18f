package io.rapport.importing.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.OptionMetadata;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

/**
 * Turns the text of a cell into the value of an attribute: numbers with either decimal separator and thousands
 * groups, currency symbols, dates in ISO or the importer's local day/month order, yes/no in three languages, and
 * choices by label (any language) or value. Lookups are resolved elsewhere.
 */
final class ValueParser {

    /** Why a cell could not be read. */
    static final class BadValue extends Exception {
        BadValue(String message) {
            super(message, null, false, false);
        }
    }

    private static final Set<String> TRUE = Set.of("true", "yes", "y", "1", "si", "sim", "verdadero", "verdadeiro", "x");
    private static final Set<String> FALSE = Set.of("false", "no", "n", "0", "nao", "falso", "");

    private final boolean dayFirst;
    private final ZoneId zone;

    ValueParser(String language, ZoneId zone) {
        this.dayFirst = !language.startsWith("en");
        this.zone = zone;
    }

    Object parse(AttributeMetadata a, String raw) throws BadValue {
        try {
            return parseText(a, raw.trim());
        } catch (ArithmeticException e) {
            throw new BadValue("'" + raw.trim() + "' is too large");
        }
    }

    private Object parseText(AttributeMetadata a, String text) throws BadValue {
        return switch (a.type()) {
            case STRING, MEMO -> text;
            case INTEGER -> wholeNumber(text).intValueExact();
            case BIGINT -> wholeNumber(text).longValueExact();
            case DECIMAL, MONEY -> decimal(text);
            case DOUBLE -> decimal(text).doubleValue();
            case BOOLEAN -> bool(text);
            case DATETIME -> dateTime(text);
            case DATE -> date(text);
            case PICKLIST, STATE, STATUS -> option(a, text);
            case MULTISELECT_PICKLIST -> options(a, text);
            case UNIQUEIDENTIFIER -> uuid(text);
            case LOOKUP, CUSTOMER, OWNER -> throw new IllegalStateException("Lookups are resolved by LookupResolver");
        };
    }

    private static BigDecimal wholeNumber(String text) throws BadValue {
        String compact = text.replaceAll("[\\s\\u00A0]", "");
        // a whole number has no decimals, so "1.200" and "1,200" both group thousands
        BigDecimal d = compact.matches("-?\\d{1,3}([.,]\\d{3})+") ? new BigDecimal(compact.replaceAll("[.,]", ""))
                : decimal(text);
        // converting costs time in the size of the exponent (1e99999999 pinned a core): decide by magnitude first
        if (d.signum() == 0) {
            return BigDecimal.ZERO;
        }
        if (d.precision() - d.scale() > 19) {
            throw new BadValue("'" + text + "' is too large");
        }
        if (d.precision() - d.scale() <= 0) {
            throw new BadValue("'" + text + "' is not a whole number");
        }
        try {
            return new BigDecimal(d.toBigIntegerExact());
        } catch (ArithmeticException e) {
            throw new BadValue("'" + text + "' is not a whole number");
        }
    }

    static BigDecimal decimal(String text) throws BadValue {
        String s = text.replaceAll("[\\s\\u00A0$€£¥]|R\\$|US\\$", "");
        int comma = s.lastIndexOf(',');
        int dot = s.lastIndexOf('.');
        if (comma >= 0 && dot >= 0) {
            s = comma > dot ? s.replace(".", "").replace(',', '.') : s.replace(",", "");
        } else if (comma >= 0) {
            // "1,234" and "12,345,678" are thousands; "3,5" is a decimal comma
            s = s.matches("-?\\d{1,3}(,\\d{3})+") ? s.replace(",", "") : s.replace(',', '.');
        } else if (dot >= 0 && s.matches("-?\\d{1,3}(\\.\\d{3}){2,}")) {
            s = s.replace(".", "");
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new BadValue("'" + text + "' is not a number");
        }
    }

    private static Boolean bool(String text) throws BadValue {
        String k = Text.key(text);
        if (TRUE.contains(k)) {
            return Boolean.TRUE;
        }
        if (FALSE.contains(k)) {
            return Boolean.FALSE;
        }
        throw new BadValue("'" + text + "' is not yes or no");
    }

    private Instant dateTime(String text) throws BadValue {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            // fall through to local forms
        }
        for (String pattern : dateTimePatterns()) {
            try {
                return LocalDateTime.parse(text, DateTimeFormatter.ofPattern(pattern, Locale.ROOT)).atZone(zone)
                        .toInstant();
            } catch (DateTimeParseException e) {
                // next pattern
            }
        }
        return date(text).atStartOfDay(zone).toInstant();
    }

    private List<String> dateTimePatterns() {
        String day = dayFirst ? "d/M/yyyy" : "M/d/yyyy";
        return List.of("yyyy-MM-dd'T'HH:mm[:ss][.SSS]", "yyyy-MM-dd HH:mm[:ss]", day + " H:mm[:ss]",
                day + " h:mm[:ss] a");
    }

    private LocalDate date(String text) throws BadValue {
        String day = dayFirst ? "d/M/yyyy" : "M/d/yyyy";
        String otherDay = dayFirst ? "M/d/yyyy" : "d/M/yyyy";
        String shortDay = dayFirst ? "d/M/yy" : "M/d/yy";
        // the importer's own day/month order first; the other order when the text can only mean that (31/12/2027)
        for (String pattern : List.of("yyyy-MM-dd", "yyyy/M/d", day, "d.M.yyyy", dayFirst ? "d-M-yyyy" : "M-d-yyyy",
                shortDay, otherDay)) {
            try {
                return LocalDate.parse(text, DateTimeFormatter.ofPattern(pattern, Locale.ROOT));
            } catch (DateTimeParseException e) {
                // next pattern
            }
        }
        throw new BadValue("'" + text + "' is not a date");
    }

    private static Integer option(AttributeMetadata a, String text) throws BadValue {
        String k = Text.key(text);
        for (OptionMetadata o : a.optionSet().options()) {
            if (o.label().values().values().stream().anyMatch(label -> Text.key(label).equals(k))) {
                return o.value();
            }
        }
        // at most nine digits: a longer number is no choice (and overflowed parseInt, failing the whole import)
        if (text.matches("-?\\d{1,9}") && a.optionSet().contains(Integer.parseInt(text))) {
            return Integer.parseInt(text);
        }
        throw new BadValue("'" + text + "' is not one of the choices of " + a.displayName().get("en"));
    }

    private static int[] options(AttributeMetadata a, String text) throws BadValue {
        List<Integer> values = new ArrayList<>();
        for (String part : text.split("[;,]")) {
            if (!part.isBlank()) {
                values.add(option(a, part.trim()));
            }
        }
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    private static UUID uuid(String text) throws BadValue {
        try {
            return UUID.fromString(text.replace("{", "").replace("}", ""));
        } catch (IllegalArgumentException e) {
            throw new BadValue("'" + text + "' is not an id");
        }
    }
}
