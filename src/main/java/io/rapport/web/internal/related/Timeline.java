package io.rapport.web.internal.related;

import io.rapport.metadata.EntityMetadata;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.web.internal.support.Ui;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Reads the notes and activities about a record and the kinds of item that can be added to it. */
@Component
class Timeline {

    static final int MAX_ITEMS = 50;
    static final List<String> ACTIVITY_ORDER = List.of("phonecall", "task", "email", "appointment");
    /** Activities recorded by closing something, not created by hand. */
    static final java.util.Set<String> NOT_QUICK_CREATED = java.util.Set.of("activitypointer", "opportunityclose",
            "quoteclose", "orderclose", "incidentresolution");

    TimelineModel build(Ui ui, String entity, UUID id, String error, String failedType) {
        List<TimelineModel.Item> items = new ArrayList<>();
        if (accepts(ui, "annotation", "objectid", entity)) {
            for (Entity n : read(ui, "annotation", "objectid", id, "subject", "notetext", "createdon", "createdby")) {
                items.add(item(ui, n, "annotation", n.getString("notetext")));
            }
        }
        if (accepts(ui, "activitypointer", "regardingobjectid", entity)) {
            for (Entity a : read(ui, "activitypointer", "regardingobjectid", id, "subject", "description",
                    "activitytypecode", "createdon", "createdby", "statecode", "scheduledend")) {
                String type = a.getString("activitytypecode");
                String text = a.getString("description");
                if ("email".equals(type) && text != null) {
                    // an email's body is HTML: the timeline shows its text
                    text = org.springframework.web.util.HtmlUtils.htmlUnescape(text.replaceAll("<[^>]*>", " "))
                            .replaceAll("\\s+", " ").trim();
                }
                items.add(item(ui, a, type == null ? "activitypointer" : type, text));
            }
        }
        items.sort(Comparator.comparing(TimelineModel.Item::sortKey).reversed());
        List<TimelineModel.Kind> kinds = new ArrayList<>();
        for (String type : quickCreateTypes(ui, entity)) {
            EntityMetadata k = ui.entity(type);
            kinds.add(new TimelineModel.Kind(type, k.label(ui.locale()), k.hasAttribute("scheduledend")));
        }
        TimelineModel.Party sender = null;
        if (kinds.stream().anyMatch(k -> k.type().equals("email"))) {
            // an email quick-created here is from the signed-in user, as in Dynamics; they may pick someone else
            Entity me = ui.service().retrieve("systemuser", ui.caller().userId(), ColumnSet.of("fullname"));
            sender = new TimelineModel.Party("systemuser:" + me.id(), me.getString("fullname"));
        }
        return new TimelineModel(entity, id, kinds, items.size() > MAX_ITEMS ? items.subList(0, MAX_ITEMS) : items,
                error, failedType, sender, sender == null ? null : recipient(ui, entity, id));
    }

    /** The record itself as the To of a new email when it has an email address (contact, lead, account); else null. */
    static TimelineModel.Party recipient(Ui ui, String entity, UUID id) {
        if (!List.of("contact", "lead", "account").contains(entity) || !ui.entity(entity).hasAttribute("emailaddress1")) {
            return null;
        }
        EntityMetadata e = ui.entity(entity);
        Entity r = ui.service().retrieve(entity, id, ColumnSet.of("emailaddress1", e.primaryNameAttribute()));
        if (r.getString("emailaddress1") == null) {
            return null;
        }
        return new TimelineModel.Party(entity + ":" + id, r.getString(e.primaryNameAttribute()));
    }

    /** Notes, then the activity types in Dynamics' order, then any other (custom) activity type. */
    List<String> quickCreateTypes(Ui ui, String entity) {
        List<String> types = new ArrayList<>();
        if (accepts(ui, "annotation", "objectid", entity)) {
            types.add("annotation");
        }
        List<String> activities = new ArrayList<>();
        for (EntityMetadata e : ui.snapshot().entities()) {
            if (e.activity() && !NOT_QUICK_CREATED.contains(e.logicalName())
                    && accepts(ui, e.logicalName(), "regardingobjectid", entity)) {
                activities.add(e.logicalName());
            }
        }
        activities.sort(Comparator.comparingInt(t -> ACTIVITY_ORDER.contains(t) ? ACTIVITY_ORDER.indexOf(t)
                : ACTIVITY_ORDER.size()));
        types.addAll(activities);
        return types;
    }

    private static boolean accepts(Ui ui, String child, String attribute, String entity) {
        return ui.snapshot().findEntity(child).flatMap(e -> e.findAttribute(attribute))
                .map(a -> a.targets().contains(entity)).orElse(false);
    }

    private static List<Entity> read(Ui ui, String entity, String regarding, UUID id, String... wanted) {
        EntityMetadata e = ui.entity(entity);
        List<String> columns = new ArrayList<>();
        for (String c : wanted) {
            if (e.hasAttribute(c)) {
                columns.add(c);
            }
        }
        return ui.service().retrieveMultiple(QueryExpression.from(entity).columns(ColumnSet.of(columns))
                .where(Condition.eq(regarding, id)).orderBy(Order.desc("createdon")).top(MAX_ITEMS).build())
                .entities();
    }

    private static TimelineModel.Item item(Ui ui, Entity r, String type, String text) {
        String typeLabel = ui.snapshot().findEntity(type).map(e -> e.label(ui.locale())).orElse(type);
        Object by = r.get("createdby");
        Instant created = r.getInstant("createdon");
        String href = type.equals("annotation") ? null : "/app/" + type + "/" + r.id();
        return new TimelineModel.Item(type, typeLabel, r.getString("subject"), text,
                r.formattedValues().getOrDefault("createdon", ""), by instanceof EntityReference ref ? ref.name() : null,
                r.formattedValues().get("statecode"), href, created == null ? Instant.EPOCH : created);
    }
}
