package io.rapport.web.internal.form;

import java.util.List;

/**
 * One field of a form as the template draws it.
 *
 * @param kind the editor: text, email, url, tel, memo, integer, decimal, money, boolean, date, datetime,
 *     picklist, multiselect, lookup or readonly
 * @param value the input's value (ISO dates, plain numbers, {@code entity:id} for lookups)
 * @param display the value as read (lookup names, formatted values)
 * @param targets the entities a lookup can point at, comma separated
 */
public record Field(String name, String label, String kind, boolean required, boolean recommended, String value,
        String display, List<Choice> options, List<String> selected, String targets, Integer maxLength, String step,
        String currency, String error, String href) {

    public record Choice(String value, String label) {
    }

    public String errorId() {
        return "err-" + name;
    }

    public String inputId() {
        return "f-" + name;
    }
}
