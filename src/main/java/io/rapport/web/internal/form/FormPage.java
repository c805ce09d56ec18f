package io.rapport.web.internal.form;

import java.util.List;
import java.util.UUID;

/** A record's form: its tabs of sections of fields, and what the header and related panes need. */
public record FormPage(String entity, String entityLabel, String collectionLabel, UUID id, String title,
        Long version, List<Tab> tabs, List<Subgrid> subgrids, boolean hasState, boolean inactive,
        String stateLabel, boolean timeline, boolean hierarchy, String formError, boolean conflict, boolean readOnly,
        String reopenLabel, List<Problem> problems, boolean markComplete) {

    public boolean isNew() {
        return id == null;
    }

    /** A tab; {@code errors} counts its fields in error, {@code active} is the tab shown first. */
    public record Tab(String key, String label, List<Section> sections, int errors, boolean active) {
    }

    /** A field in error, for the summary above the form: its label, the message, its input and its tab. */
    public record Problem(String label, String message, String inputId, String tab) {
    }

    public record Section(String key, String label, int columns, List<Field> fields, List<SectionGrid> grids) {
    }

    /** A subgrid placed in a section: the related records of the relationship, through the view (blank: default). */
    public record SectionGrid(String relationship, String label, String view) {
    }

    /** A related list shown on the form: records of {@code entity} whose {@code attribute} points at this one. */
    public record Subgrid(String relationship, String label, String entity, String attribute) {
    }
}
