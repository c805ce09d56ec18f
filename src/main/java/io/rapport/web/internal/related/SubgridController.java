package io.rapport.web.internal.related;

import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.OneToManyRelationship;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Order;
import io.rapport.query.PagingInfo;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.web.internal.layout.LayoutCatalog;
import io.rapport.web.internal.layout.ViewDefinition;
import io.rapport.web.internal.support.Display;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/** A subgrid on a form: one page of the child records of a one-to-many relationship. */
@Controller
class SubgridController {

    static final int PAGE_SIZE = 10;
    static final int MAX_COLUMNS = 4;

    private final UiFactory uis;
    private final LayoutCatalog layouts;

    SubgridController(UiFactory uis, LayoutCatalog layouts) {
        this.uis = uis;
        this.layouts = layouts;
    }

    @GetMapping("/app/{entity}/{id}/related/{relationship}")
    String subgrid(@PathVariable String entity, @PathVariable UUID id, @PathVariable String relationship,
            @RequestParam(defaultValue = "1") int page, @RequestParam(required = false) String view, Locale locale,
            Model model) {
        Ui ui = uis.create(locale);
        EntityMetadata parent = ui.entity(entity);
        OneToManyRelationship r = ui.snapshot().oneToManyOf(entity).stream()
                .filter(x -> x.schemaName().equals(relationship)).findFirst()
                .orElseThrow(() -> io.rapport.error.RapportException.invalid("Unknown relationship " + relationship));
        EntityMetadata child = ui.entity(r.referencingEntity());
        // a section's subgrid names a system view of the related entity (its columns, filter and sort); the related
        // lists below the form use the default one
        boolean chosenView = view != null && !view.isBlank();
        ViewDefinition shown = chosenView ? layouts.systemViews(ui, child.logicalName()).stream()
                .filter(v -> v.key().equals(view)).findFirst().orElseThrow(() -> io.rapport.error.RapportException
                        .invalid("The view " + view + " is not a system view of " + child.logicalName()))
                : layouts.systemViews(ui, child.logicalName()).get(0);
        // a related list says whether each record is still open (a won deal is "Won", not its last stage)
        boolean status = child.hasStateCode() && child.hasAttribute("statecode");
        int room = status ? MAX_COLUMNS - 1 : MAX_COLUMNS;
        List<String> columns = new ArrayList<>();
        for (String c : shown.columns()) {
            if (child.hasAttribute(c) && !c.equals(r.referencingAttribute()) && !c.equals("statecode")
                    && !c.equals("salesstage") && !columns.contains(c) && columns.size() < room) {
                columns.add(c);
            }
        }
        if (!columns.contains(child.primaryNameAttribute())) {
            columns.add(0, child.primaryNameAttribute());
        }
        if (status) {
            columns.add("statecode");
        }
        List<String> select = new ArrayList<>(columns);
        if (child.hasAttribute("transactioncurrencyid")) {
            select.add("transactioncurrencyid");
        }
        QueryExpression.Builder query = QueryExpression.from(child.logicalName()).columns(ColumnSet.of(select))
                .where(Condition.eq(r.referencingAttribute(), id));
        if (chosenView) {
            for (ViewDefinition.ViewCondition c : shown.filter()) {
                if (child.hasAttribute(c.attribute())) {
                    query.where(new Condition(null, c.attribute(), ConditionOperator.valueOf(c.operator()), c.values()));
                }
            }
            shown.orders().stream().filter(o -> child.hasAttribute(o.attribute()))
                    .forEach(o -> query.orderBy(new Order(null, o.attribute(), o.descending())));
        }
        query.orderBy(Order.asc(child.primaryNameAttribute()));
        EntityCollection rows = ui.service().retrieveMultiple(query
                .paging(PagingInfo.page(Math.max(1, page), PAGE_SIZE)).build());
        List<List<String>> cells = new ArrayList<>();
        for (Entity row : rows.entities()) {
            List<String> line = new ArrayList<>();
            columns.forEach(c -> line.add(Display.text(row, c)));
            cells.add(line);
        }
        Entity parentRecord = ui.service().retrieve(entity, id, ColumnSet.of(parent.primaryNameAttribute()));
        String newUrl = UriComponentsBuilder.fromPath("/app/" + child.logicalName() + "/new")
                .queryParam(r.referencingAttribute(), entity + ":" + id)
                .queryParam(r.referencingAttribute() + "_name", parentRecord.getString(parent.primaryNameAttribute()))
                .encode().build().toUriString();
        model.addAttribute("sub", new SubgridModel(relationship, child.logicalName(), child.label(locale),
                columns.stream().map(c -> child.attribute(c).label(locale)).toList(),
                rows.entities().stream().map(Entity::id).toList(), cells, page, rows.moreRecords(), newUrl,
                "/app/" + entity + "/" + id + "/related/" + relationship + "?"
                        + (chosenView ? "view=" + java.net.URLEncoder.encode(view, java.nio.charset.StandardCharsets.UTF_8)
                                + "&" : "")));
        return "fragments/related :: subgrid";
    }

    /** A page of child records with the link that creates one more for this parent; {@code url} ends in ? or &. */
    record SubgridModel(String relationship, String entity, String entityLabel, List<String> headers, List<UUID> ids,
            List<List<String>> cells, int page, boolean hasMore, String newUrl, String url) {
    }
}
