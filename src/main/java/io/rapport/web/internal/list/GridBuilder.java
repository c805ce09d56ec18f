package io.rapport.web.internal.list;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.OptionMetadata;
import io.rapport.query.PagingInfo;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.record.EntityReference;
import io.rapport.web.internal.layout.LayoutCatalog;
import io.rapport.web.internal.layout.ViewDefinition;
import io.rapport.web.internal.support.AdminPolicy;
import io.rapport.web.internal.support.Display;
import io.rapport.web.internal.support.States;
import io.rapport.web.internal.support.Ui;
import java.util.ArrayList;
import java.util.List;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Reads one page of a view and shapes it for the list template. */
@Component
public class GridBuilder {

    public static final int PAGE_SIZE = 50;
    /** Platform attributes worth a column; the others (version, owning unit...) are left out of the chooser. */
    static final java.util.Set<String> LISTABLE_PLATFORM = java.util.Set.of("createdon", "modifiedon", "createdby",
            "modifiedby", "ownerid", "statecode", "statuscode");

    private final LayoutCatalog layouts;
    private final MessageSource messages;
    private final AdminPolicy admins;

    GridBuilder(LayoutCatalog layouts, MessageSource messages, AdminPolicy admins) {
        this.layouts = layouts;
        this.messages = messages;
        this.admins = admins;
    }

    /**
     * One page of the list: the page's rows are the only query; the views and (in the assign dialog,
     * searched as the user types) the users come from caches or later requests.
     */

    public Grid build(Ui ui, String entityName, ListState state) {
        return build(ui, entityName, state, layouts.view(ui, entityName, state.view()));
    }

    /** One page of the list through a view given here (the view editor's preview of a view not yet saved). */
    public Grid build(Ui ui, String entityName, ListState state, ViewDefinition view) {
        EntityMetadata e = ui.entity(entityName);
        List<String> columnNames = ListQueryBuilder.columns(e, view, state);
        EntityCollection page = ui.service().retrieveMultiple(ListQueryBuilder.query(ui.snapshot(), e, view, state)
                .paging(PagingInfo.page(state.page(), PAGE_SIZE)).build());
        List<Grid.Column> columns = new ArrayList<>();
        for (String c : columnNames) {
            columns.add(column(ui, e.attribute(c), state, view.width(c)));
        }
        List<Grid.Row> rows = new ArrayList<>();
        for (Entity r : page.entities()) {
            rows.add(row(ui, e, r, columnNames));
        }
        List<Grid.ViewChoice> system = layouts.systemViews(ui, entityName).stream()
                .map(v -> new Grid.ViewChoice(v.key(), viewName(ui, e, v), v.key().equals(view.key()))).toList();
        List<Grid.ViewChoice> personal = layouts.personalViews(ui, entityName).stream()
                .map(v -> new Grid.ViewChoice(v.key(), viewName(ui, e, v), v.key().equals(view.key()))).toList();
        ListState effective = new ListState(view.key(), state.quickFind(), state.sort(), state.descending(),
                state.page(), state.columns(), state.filters());
        return new Grid(entityName, e.label(ui.locale()), e.collectionLabel(ui.locale()), view.key(), system, personal,
                columns, rows, effective, state.page() > 1, page.moreRecords(), States.isActiveInactive(e),
                admins.isAdmin(), view.key() != null && (view.key().startsWith(LayoutCatalog.PERSONAL_PREFIX)
                        || mayCustomizeViews(ui)));
    }

    /**
     * The column chooser's rows, read when the user opens it (not on every render of the page): the shown columns in
     * their order, then the other listable attributes by label. Metadata only, for a user who may read the entity.
     */
    public List<ColumnChoice> columnChoices(Ui ui, String entityName, ListState state) {
        EntityMetadata e = ui.entity(entityName);
        ui.service().checkPrivilege(entityName, io.rapport.pipeline.Privilege.READ);
        List<String> shown = ListQueryBuilder.columns(e, layouts.view(ui, entityName, state.view()), state);
        List<ColumnChoice> others = new ArrayList<>();
        for (AttributeMetadata a : e.attributes()) {
            if (ListQueryBuilder.filterable(a) && !a.type().isMultiline()
                    && (!a.isManaged() || LISTABLE_PLATFORM.contains(a.logicalName()))
                    && !shown.contains(a.logicalName())) {
                others.add(new ColumnChoice(a.logicalName(), a.label(ui.locale()), false));
            }
        }
        others.sort((x, y) -> x.label().compareToIgnoreCase(y.label()));
        List<ColumnChoice> choices = new ArrayList<>();
        shown.forEach(c -> choices.add(new ColumnChoice(c, e.attribute(c).label(ui.locale()), true)));
        choices.addAll(others);
        return choices;
    }

    /**
     * Whether the signed-in user may change system views: Write on savedquery (System Administrator, System
     * Customizer), as the pipeline will check when the view is saved.
     */
    public static boolean mayCustomizeViews(Ui ui) {
        try {
            ui.service().checkPrivilege("savedquery", io.rapport.pipeline.Privilege.WRITE);
            return true;
        } catch (io.rapport.error.RapportException ex) {
            if (ex.code() == io.rapport.error.ErrorCode.PRIVILEGE_DENIED) {
                return false;
            }
            throw ex;
        }
    }

    /** The view's name in the page's language; built-in names are bundle keys taking the entity's label. */
    public String viewName(Ui ui, EntityMetadata e, ViewDefinition v) {
        if (v.nameKey() != null) {
            return messages.getMessage(v.nameKey(), new Object[] {e.collectionLabel(ui.locale())}, v.nameKey(),
                    ui.locale());
        }
        String name = v.name().get(ui.language());
        return name == null ? e.collectionLabel(ui.locale()) : name;
    }

    private Grid.Column column(Ui ui, AttributeMetadata a, ListState state, Integer width) {
        String current = a.logicalName().equals(state.sort()) ? (state.descending() ? "descending" : "ascending")
                : "none";
        boolean nextDesc = "ascending".equals(current);
        String kind = filterKind(a);
        List<Grid.Option> options = new ArrayList<>();
        if ("select".equals(kind) && a.optionSet() != null) {
            for (OptionMetadata o : a.optionSet().options()) {
                options.add(new Grid.Option(Integer.toString(o.value()), o.label().get(ui.language())));
            }
        }
        return new Grid.Column(a.logicalName(), a.label(ui.locale()),
                state.withSort(a.logicalName(), nextDesc).query(), current, kind, options,
                state.filters().getOrDefault(a.logicalName(), ""), a.type().isNumeric(), width);
    }

    static String filterKind(AttributeMetadata a) {
        return a.type().filterKind();
    }

    private Grid.Row row(Ui ui, EntityMetadata e, Entity r, List<String> columns) {
        List<Grid.Cell> cells = new ArrayList<>();
        for (String c : columns) {
            AttributeMetadata a = e.attribute(c);
            String text = Display.text(r, c);
            String href = null;
            // an activity's type reads as the kind's name ("Phone Call"), and the activity opens as that kind
            String kind = "activitypointer".equals(e.logicalName()) ? r.getString("activitytypecode") : null;
            if ("activitytypecode".equals(c) && kind != null) {
                text = ui.snapshot().findEntity(kind).map(k -> k.label(ui.locale())).orElse(text);
            }
            if (c.equals(e.primaryNameAttribute())) {
                href = "/app/" + (kind != null && ui.snapshot().findEntity(kind).isPresent() ? kind
                        : e.logicalName()) + "/" + r.id();
            } else if (r.get(c) instanceof EntityReference ref && ui.snapshot().findEntity(ref.logicalName())
                    .isPresent()) {
                href = "/app/" + ref.logicalName() + "/" + ref.id();
            }
            cells.add(new Grid.Cell(text, href, a.type().isNumeric()));
        }
        String name = r.getString(e.primaryNameAttribute());
        boolean inactive = e.hasStateCode() && r.get("statecode") instanceof Integer s && s != 0;
        String shownName = name == null ? "" : name;
        return new Grid.Row(r.id(), shownName, cells, inactive,
                messages.getMessage("list.select", new Object[] {shownName}, ui.locale()));
    }
}
