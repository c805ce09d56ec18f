package io.rapport.web.internal.related;

import io.rapport.metadata.EntityMetadata;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The hierarchy of a self-referencing entity (accounts and their parents): the top record is found with the
 * {@code ABOVE_OR_EQUAL} operator, its tree with {@code UNDER_OR_EQUAL}, both as one query in the store.
 */
@Controller
class HierarchyController {

    static final int MAX_NODES = 500;

    private final UiFactory uis;

    HierarchyController(UiFactory uis) {
        this.uis = uis;
    }

    @GetMapping("/app/{entity}/{id}/hierarchy")
    String hierarchy(@PathVariable String entity, @PathVariable UUID id, Locale locale, Model model) {
        Ui ui = uis.create(locale);
        EntityMetadata e = ui.entity(entity);
        String parent = e.hierarchyAttribute();
        if (parent == null) {
            throw io.rapport.error.RapportException.invalid(entity + " has no hierarchy");
        }
        ColumnSet columns = ColumnSet.of(e.primaryNameAttribute(), parent);
        List<Entity> above = ui.service().retrieveMultiple(QueryExpression.from(entity).columns(columns)
                .where(Condition.of(e.primaryIdAttribute(), ConditionOperator.ABOVE_OR_EQUAL, id))
                .top(MAX_NODES).build()).entities();
        UUID top = above.stream().filter(r -> r.get(parent) == null).map(Entity::id).findFirst().orElse(id);
        List<Entity> tree = ui.service().retrieveMultiple(QueryExpression.from(entity).columns(columns)
                .where(Condition.of(e.primaryIdAttribute(), ConditionOperator.UNDER_OR_EQUAL, top))
                .orderBy(Order.asc(e.primaryNameAttribute())).top(MAX_NODES).build()).entities();
        Map<UUID, List<Entity>> children = new LinkedHashMap<>();
        Entity root = null;
        for (Entity r : tree) {
            if (r.id().equals(top)) {
                root = r;
            } else if (r.get(parent) instanceof EntityReference p) {
                children.computeIfAbsent(p.id(), k -> new ArrayList<>()).add(r);
            }
        }
        List<Node> nodes = new ArrayList<>();
        if (root != null) {
            flatten(root, 0, children, e, id, nodes);
        }
        model.addAttribute("entity", entity);
        model.addAttribute("entityLabel", e.collectionLabel(locale));
        model.addAttribute("nodes", nodes);
        model.addAttribute("current", id);
        return "hierarchy";
    }

    private static void flatten(Entity r, int depth, Map<UUID, List<Entity>> children, EntityMetadata e, UUID current,
            List<Node> out) {
        String name = r.getString(e.primaryNameAttribute());
        out.add(new Node(r.id(), name == null ? "" : name, depth, r.id().equals(current)));
        for (Entity child : children.getOrDefault(r.id(), List.of())) {
            flatten(child, depth + 1, children, e, current, out);
        }
    }

    /** One record of the tree in display order, with its depth for indentation. */
    record Node(UUID id, String name, int depth, boolean current) {
    }
}
