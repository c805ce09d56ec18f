package io.rapport.web.internal.support;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Turns pipeline errors into messages for people in the page's language: a bundle message per error code
 * ({@code error.CODE}) naming the field, with the pipeline's own text as detail for business rules.
 */
@Component
public class ErrorMessages {

    private final MessageSource messages;

    public ErrorMessages(MessageSource messages) {
        this.messages = messages;
    }

    public String message(RapportException e, EntityMetadata entity, Locale locale) {
        String field = entity == null || e.attribute() == null ? ""
                : entity.findAttribute(e.attribute()).map(a -> a.label(locale)).orElse(e.attribute());
        AttributeMetadata a = entity == null ? null : entity.findAttribute(e.attribute()).orElse(null);
        Object max = a == null ? "" : a.maxLength() != null ? a.maxLength() : a.maxValue() != null ? a.maxValue() : "";
        Object min = a == null || a.minValue() == null ? "" : a.minValue();
        String key = "error." + e.code().name();
        Object[] args = {field, max, min, e.getMessage()};
        // a message that names no field ("contact has no hierarchy") is shown itself, not as "{field}: not valid"
        String text = field.isEmpty() ? messages.getMessage(key + ".nofield", args, null, locale) : null;
        if (text == null) {
            text = messages.getMessage(key, args, null, locale);
        }
        if (text == null) {
            text = messages.getMessage("error.generic", new Object[] {e.getMessage()}, locale);
        }
        return text;
    }

    /** A message of the bundle, for pages that explain a problem of their own. */
    public String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }

    /** Whether the error belongs beside a field of the form rather than at the top. */
    public static boolean isFieldError(RapportException e, EntityMetadata entity) {
        return e.attribute() != null && entity != null && entity.hasAttribute(e.attribute())
                && e.code() != ErrorCode.CONCURRENCY_VERSION_MISMATCH;
    }
}
