package io.rapport.web.internal.layout;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.rapport.metadata.Label;
import java.util.ArrayList;
import java.util.List;

/**
 * The main form of an entity: tabs of sections of fields, then the related-record subgrids (one-to-many
 * relationship schema names). Tab and section titles are message-bundle keys (built-in forms) or labels.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FormDefinition(String entity, List<Tab> tabs, List<String> subgrids) {

    public FormDefinition {
        tabs = tabs == null ? List.of() : List.copyOf(tabs);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Tab(String key, String labelKey, Label label, List<Section> sections) {
        public Tab {
            sections = sections == null ? List.of() : List.copyOf(sections);
        }
    }

    /**
     * A section: its fields, then its subgrids (the related records of a one-to-many relationship, through a
     * system view of the related entity).
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Section(String key, String labelKey, Label label, Integer columns, List<String> fields,
            List<SectionGrid> grids) {
        @com.fasterxml.jackson.annotation.JsonCreator
        public Section {
            fields = fields == null ? List.of() : List.copyOf(fields);
            columns = columns == null ? 2 : columns;
            grids = grids == null ? List.of() : List.copyOf(grids);
        }

        public Section(String key, String labelKey, Label label, Integer columns, List<String> fields) {
            this(key, labelKey, label, columns, fields, List.of());
        }

        public Section withFields(List<String> newFields) {
            return new Section(key, labelKey, label, columns, newFields, grids);
        }
    }

    /**
     * A subgrid in a section: the relationship's schema name and the key of the related entity's system view whose
     * columns, filter and sort it uses (null: the related entity's default view).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SectionGrid(String relationship, String view) {
    }

    /** Every field on the form, in order. */
    public List<String> fields() {
        List<String> all = new ArrayList<>();
        tabs.forEach(t -> t.sections().forEach(s -> all.addAll(s.fields())));
        return all;
    }

    /** This form with the attribute appended to its first section (once). */
    public FormDefinition plusField(String attribute) {
        if (fields().contains(attribute) || tabs.isEmpty() || tabs.get(0).sections().isEmpty()) {
            return this;
        }
        List<Tab> newTabs = new ArrayList<>(tabs);
        Tab first = tabs.get(0);
        List<Section> sections = new ArrayList<>(first.sections());
        Section s = sections.get(0);
        List<String> fields = new ArrayList<>(s.fields());
        fields.add(attribute);
        sections.set(0, s.withFields(fields));
        newTabs.set(0, new Tab(first.key(), first.labelKey(), first.label(), sections));
        return new FormDefinition(entity, newTabs, subgrids);
    }
}
