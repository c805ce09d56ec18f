package io.rapport.web.internal.support;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/**
 * How a value reads on a page: the pipeline's formatted value in the caller's language, money with its
 * currency in the locale's style, and the raw text otherwise.
 */
public final class Display {

    private Display() {
    }

    public static String text(Entity record, String key, AttributeMetadata a, Locale locale, String currencyCode) {
        Object value = record.get(key);
        if (value == null) {
            return "";
        }
        if (a != null && a.type() == AttributeType.MONEY && value instanceof BigDecimal amount) {
            return money(amount, currencyCode, a.precision(), locale);
        }
        String formatted = record.formattedValues().get(key);
        if (formatted != null) {
            return formatted;
        }
        if (value instanceof EntityReference r) {
            return r.name() == null ? "" : r.name();
        }
        return value.toString();
    }

    public static String money(BigDecimal amount, String currencyCode, Integer precision, Locale locale) {
        NumberFormat f = NumberFormat.getCurrencyInstance(locale);
        try {
            f.setCurrency(Currency.getInstance(currencyCode == null ? "USD" : currencyCode));
        } catch (IllegalArgumentException unknownCode) {
            f = NumberFormat.getNumberInstance(locale);
        }
        int digits = precision == null ? 2 : precision;
        f.setMinimumFractionDigits(digits);
        f.setMaximumFractionDigits(digits);
        return f.format(amount);
    }
}
