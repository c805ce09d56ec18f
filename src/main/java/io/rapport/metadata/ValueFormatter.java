package io.rapport.metadata;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.stereotype.Component;

/**
 * The one formatter of values for people: the Web API's formatted values, the pages and the export all read
 * from it, in the user's language and time zone and the record's currency. Each attribute type decides what to
 * format ({@link AttributeType#format}); this class holds the formatters. {@code NumberFormat} is not
 * thread-safe and costly to build, so one prototype per locale and style is cached and cloned per use;
 * {@code DateTimeFormatter}s are immutable and shared.
 */
@Component
public final class ValueFormatter {

    /**
     * Whom and what a value is formatted for.
     *
     * @param locale the user's language
     * @param zone the user's time zone (date-times are shown in it; date-only values are not shifted)
     * @param currency ISO 4217 code of the record's currency (or the organization's base currency)
     */
    public record Context(Locale locale, ZoneId zone, String currency) {
    }

    private record NumberKey(Locale locale, String style, String currency, int digits) {
    }

    private record DateKey(Locale locale, ZoneId zone, boolean withTime) {
    }

    private final ConcurrentMap<NumberKey, NumberFormat> numbers = new ConcurrentHashMap<>();
    private final ConcurrentMap<DateKey, DateTimeFormatter> dates = new ConcurrentHashMap<>();

    /** The formatted value of an attribute's value, or null when the type shows none (ids, text). */
    public String format(AttributeMetadata a, Object value, Context context) {
        return value == null ? null : a.type().format(a, value, this, context);
    }

    public String wholeNumber(Number value, Locale locale) {
        return number(new NumberKey(locale, "integer", null, 0)).format(value);
    }

    public String decimal(Number value, int digits, Locale locale) {
        return number(new NumberKey(locale, "decimal", null, digits)).format(value);
    }

    public String percent(Number value, int digits, Locale locale) {
        return number(new NumberKey(locale, "percent", null, digits)).format(value);
    }

    /** Money with the currency's symbol where the language places it ("1.234,50 €" in Spanish). */
    public String money(BigDecimal value, String currency, int digits, Locale locale) {
        if (!isIsoCurrency(currency)) {
            // a currency Java does not know keeps its code beside the number
            String number = decimal(value, digits, locale);
            return currency == null || currency.isBlank() ? number : number + " " + currency;
        }
        return number(new NumberKey(locale, "money", currency, digits)).format(value);
    }

    private static boolean isIsoCurrency(String code) {
        try {
            return code != null && Currency.getInstance(code) != null;
        } catch (IllegalArgumentException notIso) {
            return false;
        }
    }

    public String dateTime(Instant value, Locale locale, ZoneId zone) {
        return dates.computeIfAbsent(new DateKey(locale, zone, true), k -> DateTimeFormatter
                .ofLocalizedDateTime(FormatStyle.SHORT).withLocale(k.locale()).withZone(k.zone())).format(value);
    }

    public String date(LocalDate value, Locale locale) {
        return dates.computeIfAbsent(new DateKey(locale, null, false), k -> DateTimeFormatter
                .ofLocalizedDate(FormatStyle.SHORT).withLocale(k.locale())).format(value);
    }

    private NumberFormat number(NumberKey key) {
        return (NumberFormat) numbers.computeIfAbsent(key, ValueFormatter::create).clone();
    }

    private static NumberFormat create(NumberKey k) {
        NumberFormat f = switch (k.style()) {
            case "integer" -> NumberFormat.getIntegerInstance(k.locale());
            case "percent" -> NumberFormat.getPercentInstance(k.locale());
            case "money" -> {
                NumberFormat money = NumberFormat.getCurrencyInstance(k.locale());
                money.setCurrency(Currency.getInstance(k.currency()));
                yield money;
            }
            default -> NumberFormat.getNumberInstance(k.locale());
        };
        if (!"integer".equals(k.style())) {
            f.setMinimumFractionDigits(k.digits());
            f.setMaximumFractionDigits(k.digits());
        }
        return f;
    }
}
