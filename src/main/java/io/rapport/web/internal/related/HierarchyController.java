package io.rapport.web.internal.related;

import io.rapport.error.RapportException;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The hierarchy of a self-referencing entity (accounts by parentaccountid, users by parentsystemuserid) as a tree
 * that expands: the page shows the top record and the path down to the current one, opened, with the children of
 * every node on the path; any other node's children are loaded by htmx when it is first opened. Every query runs
 * as the signed-in user, so the tree holds only the records the caller may read (the top is the highest ancestor
 * they can see).
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
        EntityMetadata e = hierarchical(ui, entity);
        String parent = e.hierarchyAttribute();
        ColumnSet columns = ColumnSet.of(e.primaryNameAttribute(), parent);
        // the record itself first: one the caller may not read answers as a record they may not read does
        ui.service().retrieve(entity, id, ColumnSet.none());
        Map<UUID, UUID> parentOf = new HashMap<>();
        for (Entity r : ui.service().retrieveMultiple(QueryExpression.from(entity).columns(columns)
                .where(Condition.of(e.primaryIdAttribute(), ConditionOperator.ABOVE_OR_EQUAL, id))
                .top(MAX_NODES).build()).entities()) {
            parentOf.put(r.id(), r.get(parent) instanceof EntityReference p ? p.id() : null);
        }
        // the path from the highest ancestor the caller sees down to the record
        List<UUID> path = new ArrayList<>();
        Set<UUID> seen = new HashSet<>();
        for (UUID at = id; at != null && parentOf.containsKey(at) && seen.add(at); at = parentOf.get(at)) {
            path.add(0, at);
        }
        if (path.isEmpty()) {
            path.add(id);
        }
        Entity top = ui.service().retrieve(entity, path.get(0), columns);
        Node root = expand(ui, e, top, path, 0, id);
        model.addAttribute("entity", entity);
        model.addAttribute("entityLabel", e.collectionLabel(locale));
        model.addAttribute("nodes", List.of(root));
        model.addAttribute("current", id);
        return "hierarchy";
    }

    /** The children of a node, for htmx to put under it when it is opened. */
    @GetMapping("/app/{entity}/{id}/hierarchy/children")
    String children(@PathVariable String entity, @PathVariable UUID id, Locale locale, Model model) {
        Ui ui = uis.create(locale);
        EntityMetadata e = hierarchical(ui, entity);
        model.addAttribute("entity", entity);
        model.addAttribute("nodes", nodes(ui, e, childrenOf(ui, e, id), null));
        return "hierarchy :: items";
    }

    private Node expand(Ui ui, EntityMetadata e, Entity record, List<UUID> path, int depth, UUID current) {
        List<Entity> children = childrenOf(ui, e, record.id());
        UUID next = depth + 1 < path.size() ? path.get(depth + 1) : null;
        List<Node> shown = new ArrayList<>();
        Set<UUID> withChildren = withChildren(ui, e, children);
        for (Entity c : children) {
            if (c.id().equals(next)) {
                shown.add(expand(ui, e, c, path, depth + 1, current));
            } else {
                shown.add(new Node(c.id(), name(e, c), withChildren.contains(c.id()), false, c.id().equals(current),
                        List.of()));
            }
        }
        return new Node(record.id(), name(e, record), !children.isEmpty(), !children.isEmpty(),
                record.id().equals(current), shown);
    }

    private List<Node> nodes(Ui ui, EntityMetadata e, List<Entity> records, UUID current) {
        Set<UUID> withChildren = withChildren(ui, e, records);
        return records.stream().map(r -> new Node(r.id(), name(e, r), withChildren.contains(r.id()), false,
                r.id().equals(current), List.<Node>of())).toList();
    }

    private static List<Entity> childrenOf(Ui ui, EntityMetadata e, UUID id) {
        return ui.service().retrieveMultiple(QueryExpression.from(e.logicalName())
                .columns(ColumnSet.of(e.primaryNameAttribute()))
                .where(Condition.eq(e.hierarchyAttribute(), id))
                .orderBy(Order.asc(e.primaryNameAttribute())).top(MAX_NODES).build()).entities();
    }

    /** Which of the records have children the caller can see: one query for all of them. */
    private static Set<UUID> withChildren(Ui ui, EntityMetadata e, List<Entity> records) {
        Set<UUID> result = new HashSet<>();
        if (records.isEmpty()) {
            return result;
        }
        for (Entity r : ui.service().retrieveMultiple(QueryExpression.from(e.logicalName())
                .columns(ColumnSet.of(e.hierarchyAttribute()))
                .where(Condition.of(e.hierarchyAttribute(), ConditionOperator.IN,
                        records.stream().map(Entity::id).toArray()))
                .top(MAX_NODES * 4).build()).entities()) {
            if (r.get(e.hierarchyAttribute()) instanceof EntityReference p) {
                result.add(p.id());
            }
        }
        return result;
    }

    private static String name(EntityMetadata e, Entity r) {
        String name = r.getString(e.primaryNameAttribute());
        return name == null ? "" : name;
    }

    private static EntityMetadata hierarchical(Ui ui, String entity) {
        EntityMetadata e = ui.entity(entity);
        if (e.hierarchyAttribute() == null) {
            throw RapportException.invalid(entity + " has no hierarchy");
        }
        return e;
    }

    /** A record of the tree: whether it has children, whether they are shown (opened), and those shown. */
    record Node(UUID id, String name, boolean hasChildren, boolean expanded, boolean current, List<Node> children) {
    }
}
