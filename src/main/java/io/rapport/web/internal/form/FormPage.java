package io.rapport.web.internal.form;

import java.util.List;
import java.util.UUID;

/** A record's form: its tabs of sections of fields, and what the header and related panes need. */
public record FormPage(String entity, String entityLabel, String collectionLabel, UUID id, String title,
        Long version, List<Tab> tabs, List<Subgrid> subgrids, boolean hasState, boolean inactive,
        String stateLabel, boolean timeline, boolean hierarchy, String formError, boolean conflict) {

    public boolean isNew() {
        return id == null;
    }

    public record Tab(String key, String label, List<Section> sections) {
    }

    public record Section(String key, String label, int columns, List<Field> fields) {
    }

    /** A related list shown on the form: records of {@code entity} whose {@code attribute} points at this one. */
    public record Subgrid(String relationship, String label, String entity, String attribute) {
    }
}
