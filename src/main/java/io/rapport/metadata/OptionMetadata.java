package io.rapport.metadata;

/**
 * One choice of an option set.
 *
 * @param state for a status option, the state it belongs to
 * @param defaultStatus for a state option, the status a record gets when it enters this state
 * @param invariantName for a state option, the language-independent name (Active, Inactive, Qualified...)
 */
public record OptionMetadata(int value, Label label, Integer state, Integer defaultStatus, String invariantName,
        String color) {

    public OptionMetadata {
        label = label == null ? Label.empty() : label;
    }

    public OptionMetadata(int value, Label label) {
        this(value, label, null, null, null, null);
    }
}
