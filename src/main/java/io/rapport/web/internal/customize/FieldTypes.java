package io.rapport.web.internal.customize;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.Label;
import io.rapport.metadata.OptionMetadata;
import io.rapport.metadata.OptionSetMetadata;
import io.rapport.metadata.RequiredLevel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads the "add a field" and rename forms of the customization area into metadata. */
final class FieldTypes {

    /** The types an administrator can add, as their metadata names. */
    static final List<String> CHOICES = List.of("string", "memo", "integer", "decimal", "money", "boolean", "date",
            "datetime", "picklist", "lookup");
    private static final int FIRST_OPTION = 100_000_000;

    private FieldTypes() {
    }

    /** A label from inputs {@code <prefix>en}, {@code <prefix>es}, {@code <prefix>pt-BR}; blank ones are left out. */
    static Label label(Map<String, String> form, String prefix) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String language : Label.LANGUAGES) {
            String v = form.get(prefix + language);
            if (v != null && !v.isBlank()) {
                values.put(language, v.trim());
            }
        }
        return new Label(values);
    }

    /** The part of a name after the publisher prefix, lower case, spaces as underscores. */
    static String suffix(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name");
        }
        return name.trim().toLowerCase(Locale.ROOT).replace(' ', '_');
    }

    static AttributeMetadata attribute(String prefix, Map<String, String> form) {
        String name = prefix + suffix(form.get("name"));
        AttributeType type = AttributeType.fromJson(form.getOrDefault("type", "string"));
        Label label = label(form, "label_");
        if (label.isEmpty()) {
            throw new IllegalArgumentException("label");
        }
        RequiredLevel level = RequiredLevel.fromJson(form.getOrDefault("requiredLevel", "none"));
        List<String> targets = type.isLookup() && form.get("target") != null ? List.of(form.get("target")) : null;
        OptionSetMetadata options = type.hasCustomOptions() ? options(name, form.get("options")) : null;
        String format = type.defaultFormat();
        return new AttributeMetadata(name, null, type, label, null, level, null, null, null, null, targets, null,
                options, null, format, null, true, null, null, null, null, null, null);
    }

    /** One option per line: {@code English | Español | Português}; the last two may be left out. */
    static OptionSetMetadata options(String attribute, String text) {
        List<OptionMetadata> options = new ArrayList<>();
        int value = FIRST_OPTION;
        for (String line : (text == null ? "" : text).split("\\R")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split("\\|");
            Map<String, String> labels = new LinkedHashMap<>();
            for (int i = 0; i < parts.length && i < Label.LANGUAGES.size(); i++) {
                if (!parts[i].isBlank()) {
                    labels.put(Label.LANGUAGES.get(i), parts[i].trim());
                }
            }
            options.add(new OptionMetadata(value++, new Label(labels)));
        }
        return new OptionSetMetadata(attribute, false, null, options, true);
    }
}
