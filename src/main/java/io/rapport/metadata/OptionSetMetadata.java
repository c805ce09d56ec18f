package io.rapport.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A set of choices, global (shared by attributes) or local to one attribute. */
public record OptionSetMetadata(String name, boolean global, Label displayName, List<OptionMetadata> options,
        boolean custom) {

    public OptionSetMetadata {
        options = options == null ? List.of() : List.copyOf(options);
        displayName = displayName == null ? Label.empty() : displayName;
    }

    public Optional<OptionMetadata> option(int value) {
        return options.stream().filter(o -> o.value() == value).findFirst();
    }

    public boolean contains(int value) {
        return option(value).isPresent();
    }

    /** The option whose label (in any language, ignoring case) equals the text. */
    public Optional<OptionMetadata> optionByLabel(String text) {
        String t = text.trim();
        return options.stream()
                .filter(o -> o.label().values().values().stream().anyMatch(l -> l.equalsIgnoreCase(t)))
                .findFirst();
    }

    public OptionSetMetadata withOptions(List<OptionMetadata> newOptions) {
        return new OptionSetMetadata(name, global, displayName, newOptions, custom);
    }

    public OptionSetMetadata plus(OptionMetadata option) {
        List<OptionMetadata> list = new ArrayList<>(options);
        list.add(option);
        return withOptions(list);
    }
}
