package io.rapport.web.internal.layout;

import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.OneToManyRelationship;
import io.rapport.web.internal.support.Ui;
import java.util.List;
import java.util.Set;
import org.springframework.context.MessageSource;

/**
 * Which one-to-many relationships a form may show as a subgrid, and the label Dynamics gives one: shared by the
 * form page (its related lists) and the form editor (the relationships it offers for a section's subgrid).
 */
public final class Subgrids {

    /** Lookups through which records merely belong to or were touched by someone: not shown as subgrids. */
    private static final Set<String> NOT_SUBGRID_ATTRIBUTES = Set.of("ownerid", "createdby", "modifiedby",
            "owningbusinessunit", "owninguser", "owningteam", "regardingobjectid", "objectid", "transactioncurrencyid");
    private static final Set<String> NOT_SUBGRID_ENTITIES = Set.of("annotation", "activitypointer", "savedquery",
            "userquery", "systemform", "systemuser", "team", "businessunit", "transactioncurrency", "activityparty",
            "attributemap", "fieldpermission", "queueitem", "slakpiinstance", "asyncoperation");
    /**
     * Relationships Dynamics keeps off forms: the far side of a connection (each connection has a reciprocal, so
     * the near side already lists it once), the reciprocal link itself and where a record came from.
     */
    private static final Set<String> INTERNAL_RELATIONSHIP_ATTRIBUTES = Set.of("record2id", "relatedconnectionid",
            "originatingleadid", "originatingcontract");

    private Subgrids() {
    }

    /** The relationships of the entity that can be subgrids, in metadata order. */
    public static List<OneToManyRelationship> offered(Ui ui, String entity) {
        return ui.snapshot().oneToManyOf(entity).stream().filter(r -> offered(ui, r)).toList();
    }

    static boolean offered(Ui ui, OneToManyRelationship r) {
        return !NOT_SUBGRID_ATTRIBUTES.contains(r.referencingAttribute())
                && !INTERNAL_RELATIONSHIP_ATTRIBUTES.contains(r.referencingAttribute())
                && !NOT_SUBGRID_ENTITIES.contains(r.referencingEntity())
                && ui.snapshot().findEntity(r.referencingEntity()).map(x -> !x.isIntersect() && !x.activity())
                        .orElse(false);
    }

    /**
     * The label Dynamics shows: the related entity's plural name, or the relationship's own where one is in the
     * bundle (sub-accounts); the lookup's name too when {@code ambiguous} (two lists would otherwise read the same).
     */
    public static String label(MessageSource messages, Ui ui, OneToManyRelationship r, boolean ambiguous) {
        String label = messages.getMessage("related." + r.schemaName(), null, null, ui.locale());
        if (label == null) {
            EntityMetadata child = ui.entity(r.referencingEntity());
            label = child.collectionLabel(ui.locale());
            if (ambiguous) {
                label = label + " (" + child.attribute(r.referencingAttribute()).label(ui.locale()) + ")";
            }
        }
        return label;
    }
}
