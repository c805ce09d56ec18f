package io.rapport.pipeline.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.AccessChecker;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.Privilege;
import io.rapport.pipeline.RecordReads;
import io.rapport.query.Aggregate;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.Filter;
import io.rapport.query.GroupBy;
import io.rapport.query.LinkEntity;
import io.rapport.query.LinkFilter;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.store.RecordStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Access beyond the privilege of the message itself: the append / append-to demands of setting a lookup and of
 * written secured attributes (checked by the {@link StageRunner}), and field-level security of reads (secured
 * attributes are removed from results and cannot be filtered, sorted or aggregated on).
 */
@Component
class AccessSupport {

    private final AccessChecker access;
    private final RecordStore store;

    AccessSupport(AccessChecker access, RecordStore store) {
        this.access = access;
        this.store = store;
    }

    /**
     * Setting a lookup to a record of a user-owned entity needs Append on the record being written and AppendTo
     * on the record it points to (as Dataverse). Lookups to business- and organization-owned records (users,
     * currencies...) need no such check.
     */
    List<AccessDemand> lookupDemands(Execution x, EntityMetadata e, Entity changes, Entity record) {
        if (access.unrestricted(x.caller())) {
            return List.of();
        }
        List<AccessDemand> demands = new ArrayList<>();
        for (Map.Entry<String, Object> en : changes.attributes().entrySet()) {
            AttributeMetadata a = e.findAttribute(en.getKey()).orElse(null);
            if (a == null || !a.type().needsAppendTo() || a.isManaged()
                    || !(en.getValue() instanceof EntityReference ref) || ref.id() == null) {
                continue;
            }
            EntityMetadata target = x.snapshot().findEntity(ref.logicalName()).orElse(null);
            if (target == null || !target.isUserOwned()) {
                continue;
            }
            if (demands.isEmpty()) {
                demands.add(AccessDemand.record(record, Privilege.APPEND));
            }
            if (access.reachesAll(x.caller(), target, Privilege.APPEND_TO)) {
                // AppendTo at organization depth reaches the record whoever owns it: its owner is not read
                demands.add(AccessDemand.entity(target.logicalName(), Privilege.APPEND_TO));
                continue;
            }
            LookupPrefetch known = LookupPrefetch.of(x);
            Optional<Entity> read = known == null ? null : known.owner(target.logicalName(), ref.id());
            (read != null ? read : RecordReads.owner(target.logicalName(), ref.id(), () -> store.retrieve(
                    x.snapshot(), target.logicalName(), ref.id(), ColumnSet.of("ownerid", "owningbusinessunit"),
                    x.systemQueryContext())))
                    .ifPresent(r -> demands.add(AccessDemand.record(r, Privilege.APPEND_TO)));
        }
        return demands;
    }

    /** Field security of the attributes being written: on create those set to a value, on update all. */
    static AccessDemand securedWrite(EntityMetadata e, Entity changes, Privilege privilege) {
        if (!WritePlan.of(e).anySecured) {
            // the checker looks at secured attributes only: with none on the entity, there is nothing to name
            return new AccessDemand.OnAttributes(e.logicalName(), privilege, Set.of());
        }
        Set<String> written = privilege == Privilege.CREATE
                ? changes.attributes().entrySet().stream().filter(en -> en.getValue() != null)
                        .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet())
                : changes.attributes().keySet();
        return new AccessDemand.OnAttributes(e.logicalName(), privilege, written);
    }

    /** Removes the values of secured attributes the caller may not read. */
    void removeUnreadable(Execution x, EntityMetadata e, Entity record) {
        Set<String> hidden = access.unreadableAttributes(x.caller(), e);
        hidden.forEach(record::remove);
    }

    /** Removes unreadable secured values from query results, on the root and on linked entities. */
    void removeUnreadable(Execution x, QueryExpression q, List<Entity> rows) {
        if (q.isAggregate() || rows.isEmpty() || access.unrestricted(x.caller())) {
            return;
        }
        Set<String> root = access.unreadableAttributes(x.caller(), x.snapshot().entity(q.entityName()));
        Map<LinkEntity, Set<String>> linked = new HashMap<>();
        collect(x, q.links(), linked);
        if (root.isEmpty() && linked.values().stream().allMatch(Set::isEmpty)) {
            return;
        }
        for (Entity row : rows) {
            root.forEach(row::remove);
            for (String key : List.copyOf(row.attributes().keySet())) {
                int dot = key.lastIndexOf('.');
                if (dot < 0) {
                    continue;
                }
                String prefix = key.substring(0, dot);
                String attribute = key.substring(dot + 1);
                for (Map.Entry<LinkEntity, Set<String>> l : linked.entrySet()) {
                    if (l.getValue().contains(attribute)
                            && (l.getKey().alias() == null || l.getKey().alias().equals(prefix))) {
                        row.remove(key);
                    }
                }
            }
        }
    }

    private void collect(Execution x, List<LinkEntity> links, Map<LinkEntity, Set<String>> out) {
        for (LinkEntity l : links) {
            out.put(l, access.unreadableAttributes(x.caller(), x.snapshot().entity(l.entityName())));
            collect(x, l.links(), out);
        }
    }

    /**
     * Fails unless the caller is the system user running a job (channel SYSTEM) when the columns ask for write-only
     * values ({@link ColumnSet#secrets()}): no client's request, and no person's, may read a password, whatever their
     * role. The store never selects them otherwise.
     */
    void checkSecrets(Execution x, ColumnSet columns, List<LinkEntity> links) {
        checkSecrets(x.caller(), columns, links);
    }

    /** {@link #checkSecrets(Execution, ColumnSet, List)} for a handler that has the caller only (an action). */
    void checkSecrets(io.rapport.pipeline.Caller caller, ColumnSet columns, List<LinkEntity> links) {
        boolean asked = columns != null && columns.secrets();
        for (LinkEntity l : links) {
            asked |= l.columns() != null && l.columns().secrets();
        }
        if (asked && !(access.unrestricted(caller) && caller.channel() == Channel.SYSTEM)) {
            throw new RapportException(ErrorCode.ACCESS_DENIED, "Write-only values (passwords) are read only by the "
                    + "system's own jobs.");
        }
    }

    /**
     * Fails when a query filters, sorts, groups or aggregates on a secured attribute the caller may not read:
     * the result would reveal its values.
     */
    void checkQueryFields(Execution x, QueryExpression q) {
        if (access.unrestricted(x.caller())) {
            return;
        }
        Map<String, EntityMetadata> aliases = new HashMap<>();
        EntityMetadata root = x.snapshot().entity(q.entityName());
        aliases.put(null, root);
        registerAliases(x, q.links(), aliases);
        filter(x, q.criteria(), root, aliases);
        checkLinkFilters(x, q.links(), aliases);
        for (Order o : q.orders()) {
            if (!q.isAggregate()) {
                require(x, aliases.get(o.entityAlias()), o.attribute());
            }
        }
        for (GroupBy g : q.groupBy()) {
            require(x, aliases.get(g.entityAlias()), g.attribute());
        }
        for (Aggregate a : q.aggregates()) {
            if (a.attribute() != null) {
                require(x, aliases.get(a.entityAlias()), a.attribute());
            }
        }
    }

    private void registerAliases(Execution x, List<LinkEntity> links, Map<String, EntityMetadata> aliases) {
        for (LinkEntity l : links) {
            if (l.alias() != null) {
                aliases.put(l.alias(), x.snapshot().entity(l.entityName()));
            }
            registerAliases(x, l.links(), aliases);
        }
    }

    private void checkLinkFilters(Execution x, List<LinkEntity> links, Map<String, EntityMetadata> aliases) {
        for (LinkEntity l : links) {
            filter(x, l.filter(), x.snapshot().entity(l.entityName()), aliases);
            checkLinkFilters(x, l.links(), aliases);
        }
    }

    private void filter(Execution x, Filter f, EntityMetadata current, Map<String, EntityMetadata> aliases) {
        if (f == null) {
            return;
        }
        if (f instanceof Filter.Group g) {
            g.children().forEach(c -> filter(x, c, current, aliases));
        } else if (f instanceof Condition c) {
            require(x, c.entityAlias() == null ? current : aliases.get(c.entityAlias()), c.attribute());
        } else if (f instanceof LinkFilter l) {
            filter(x, l.filter(), x.snapshot().entity(l.entityName()), aliases);
        }
    }

    private void require(Execution x, EntityMetadata e, String attribute) {
        if (e == null || attribute == null) {
            return;
        }
        AttributeMetadata a = e.findAttribute(attribute).orElse(null);
        if (a != null && a.secured() && access.unreadableAttributes(x.caller(), e).contains(attribute)) {
            throw new RapportException(ErrorCode.ACCESS_DENIED, "The user (Id=" + x.caller().userId()
                    + ") does not have read permissions to the secured field " + e.logicalName() + "." + attribute
                    + " and cannot filter, sort or aggregate on it.", attribute);
        }
    }
}
