package io.rapport.metadata.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.IntNode;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.CellContext;
import io.rapport.metadata.InvalidValueException;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.OptionMetadata;
import io.rapport.metadata.ValueChecks;
import io.rapport.metadata.ValueFormatter;
import java.time.ZoneId;

/**
 * One choice of an option set: {@code picklist}, and the system's {@code state} and {@code status} (which only
 * the platform creates). Stored as the option's number, shown by its label.
 */
public class ChoiceType extends WholeNumberType {

    public ChoiceType(String name, String dataverseName) {
        super(name, dataverseName);
    }

    /** Whether this is the choice a customizer adds ({@code picklist}), not the system's state or status. */
    @Override
    public boolean hasCustomOptions() {
        return "picklist".equals(json());
    }

    /** State and status are changed by SetState (and their own form actions), not edited as fields. */
    @Override
    public boolean editableOnDefaultForm(AttributeMetadata a) {
        return hasCustomOptions();
    }

    /** A choice or a status reason maps to a choice of the same kind a customizer adds; the state only to a state. */
    @Override
    public boolean canMapTo(AttributeMetadata from, AttributeMetadata to) {
        return to.type() == this || !"state".equals(json()) && to.type() instanceof ChoiceType c && c.hasCustomOptions();
    }

    @Override
    public boolean isNumeric() {
        return false;
    }

    @Override
    public boolean hasOptions() {
        return true;
    }

    @Override
    public String optionSetType() {
        return dataverseName();
    }

    @Override
    public String definitionProblem(AttributeMetadata a, MetadataSnapshot snapshot) {
        if (!hasCustomOptions()) {
            return "Attributes of type " + json() + " are created by the system and cannot be added.";
        }
        return optionsProblem(a, snapshot);
    }

    static String optionsProblem(AttributeMetadata a, MetadataSnapshot snapshot) {
        if (a.globalOptionSet() != null) {
            return snapshot.globalOptionSets().containsKey(a.globalOptionSet()) ? null
                    : "Unknown global option set " + a.globalOptionSet() + ".";
        }
        return a.optionSet() == null || a.optionSet().options().isEmpty()
                ? "A choice attribute needs options or a global option set." : null;
    }

    @Override
    public Object normalize(AttributeMetadata a, Object value, ValueChecks checks) {
        if (!(value instanceof Integer v)) {
            throw InvalidValueException.wrongType(value, "not an option value");
        }
        if (!a.optionSet().contains(v)) {
            throw Values.invalidOption(v);
        }
        return v;
    }

    /** A choice by its label in any language, or by its value. */
    @Override
    public Object readCell(AttributeMetadata a, String text, CellContext context) {
        return option(a, text);
    }

    static Integer option(AttributeMetadata a, String text) {
        String k = Values.key(text);
        for (OptionMetadata o : a.optionSet().options()) {
            if (o.label().values().values().stream().anyMatch(label -> Values.key(label).equals(k))) {
                return o.value();
            }
        }
        // at most nine digits: a longer number is no choice (and overflowed parseInt, failing the whole import)
        if (text.matches("-?\\d{1,9}") && a.optionSet().contains(Integer.parseInt(text))) {
            return Integer.parseInt(text);
        }
        throw InvalidValueException.wrongType(text, "'" + text + "' is not one of the choices of "
                + a.displayName().get("en"));
    }

    @Override
    public Object writeCell(AttributeMetadata a, Object value, String formatted) {
        return formatted != null ? formatted : value.toString();
    }

    @Override
    public Object parseInput(String text, ZoneId zone) {
        return Integer.parseInt(text);
    }

    @Override
    public JsonNode writeJson(Object value) {
        return IntNode.valueOf((Integer) value);
    }

    @Override
    public String format(AttributeMetadata a, Object value, ValueFormatter formatter, ValueFormatter.Context c) {
        return a.optionSet().option((Integer) value).map(o -> o.label().get(c.locale())).orElse(value.toString());
    }

    @Override
    public String inputKind(AttributeMetadata a) {
        return "picklist";
    }

    @Override
    public String filterKind() {
        return "select";
    }
}
