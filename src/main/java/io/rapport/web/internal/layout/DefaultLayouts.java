package io.rapport.web.internal.layout;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Views and forms generated from metadata for entities that have none defined (custom entities, new ones). */
final class DefaultLayouts {

    /** Platform attributes a generated form shows read-only at the end, not among the editable fields. */
    static final Set<String> SYSTEM_FIELDS = Set.of("ownerid", "createdon", "modifiedon", "createdby", "modifiedby");
    private static final int DEFAULT_VIEW_COLUMNS = 6;

    private DefaultLayouts() {
    }

    static ViewDefinition view(EntityMetadata e) {
        List<String> columns = new ArrayList<>();
        columns.add(e.primaryNameAttribute());
        for (AttributeMetadata a : e.attributes()) {
            if (columns.size() >= DEFAULT_VIEW_COLUMNS - 1) {
                break;
            }
            if (!columns.contains(a.logicalName()) && listable(a) && (a.searchable() || a.isRequired())) {
                columns.add(a.logicalName());
            }
        }
        if (e.hasAttribute("createdon")) {
            columns.add("createdon");
        }
        List<ViewDefinition.ViewCondition> filter = e.hasStateCode()
                ? List.of(new ViewDefinition.ViewCondition("statecode", "EQUAL", List.of(0)))
                : List.of();
        return new ViewDefinition(LayoutIds.defaultView(e.logicalName()).toString(), e.logicalName(), null,
                e.hasStateCode() ? "view.default.active" : "view.default.all", columns, filter,
                List.of(new ViewDefinition.ViewOrder(e.primaryNameAttribute(), false)), true, null);
    }

    static FormDefinition form(EntityMetadata e) {
        List<String> main = new ArrayList<>();
        main.add(e.primaryNameAttribute());
        for (AttributeMetadata a : e.attributes()) {
            if (!main.contains(a.logicalName()) && editable(a)) {
                main.add(a.logicalName());
            }
        }
        List<String> system = new ArrayList<>();
        for (String name : List.of("ownerid", "createdon", "modifiedon")) {
            if (e.hasAttribute(name)) {
                system.add(name);
            }
        }
        List<FormDefinition.Section> sections = new ArrayList<>();
        sections.add(new FormDefinition.Section("general", "form.section.general", null, 2, main));
        if (!system.isEmpty()) {
            sections.add(new FormDefinition.Section("system", "form.section.system", null, 3, system));
        }
        return new FormDefinition(e.logicalName(),
                List.of(new FormDefinition.Tab("summary", "form.tab.summary", null, sections)), null);
    }

    static boolean listable(AttributeMetadata a) {
        return a.isReadable() && a.type().inDefaultViews();
    }

    static boolean editable(AttributeMetadata a) {
        return !a.isManaged() && (a.validForCreate() || a.validForUpdate()) && !SYSTEM_FIELDS.contains(a.logicalName())
                && a.type().editableOnDefaultForm(a);
    }
}
