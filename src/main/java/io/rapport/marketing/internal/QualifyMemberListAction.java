package io.rapport.marketing.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.marketing.MarketingLists;
import io.rapport.marketing.MarketingListMembers;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Dataverse's QualifyMemberList (bound to a static list; ListMember, OverrideorRemove): with OverrideorRemove true
 * the list keeps exactly the given members (others are removed, missing ones added); with false the given members
 * are removed. The given records usually come from a query the user ran over the list's members.
 */
@Component
class QualifyMemberListAction implements ActionHandler {

    static final String LIST_MEMBER = "ListMember";
    private static final ActionDefinition DEFINITION = new ActionDefinition(MarketingLists.QUALIFY_MEMBER_LIST, "list",
            false, List.of(Parameter.entity(LIST_MEMBER, "EntityCollection", null, false),
            Parameter.required(MarketingLists.OVERRIDE_OR_REMOVE, "Boolean")), List.of());

    private final ListMemberWriter writer;
    private final MarketingReads reads;

    QualifyMemberListAction(ListMemberWriter writer, MarketingReads reads) {
        this.writer = writer;
        this.reads = reads;
    }

    @Override
    public ActionDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void validate(ActionRequest request, PluginContext context) {
        ListAction.boundList(request);
        ListAction.members(request, LIST_MEMBER);
        if (!(request.parameter(MarketingLists.OVERRIDE_OR_REMOVE) instanceof Boolean)) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The parameter OverrideorRemove of "
                    + "QualifyMemberList must be true (keep only these members) or false (remove them).");
        }
    }

    @Override
    public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
        return List.of(AccessDemand.reference(ListAction.boundList(request), Privilege.APPEND_TO));
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        Entity list = writer.list(context, ListAction.boundList(request).id());
        ListRules.requireStaticUnlocked(list);
        Set<UUID> given = new LinkedHashSet<>();
        for (EntityReference ref : ListAction.members(request, LIST_MEMBER)) {
            given.add(writer.member(context, list, ref).id());
        }
        boolean override = (Boolean) request.parameter(MarketingLists.OVERRIDE_OR_REMOVE);
        String entity = ListRules.memberEntity(list);
        var system = reads.system(context);
        writer.batch(context, list.id(), () -> {
            if (!override) {
                given.forEach(id -> writer.remove(context, list.id(), id));
                return null;
            }
            Set<UUID> present = new LinkedHashSet<>();
            MarketingListMembers.forEachPage(system, QueryExpression.from("listmember")
                    .where(Condition.eq("listid", list.id())).build(), ColumnSet.of("entityid"), MarketingListMembers.PAGE,
                    page -> page.forEach(row -> {
                        UUID member = row.getReference("entityid").id();
                        if (given.contains(member)) {
                            present.add(member);
                        } else {
                            system.delete("listmember", row.id());
                        }
                    }));
            for (UUID id : given) {
                if (!present.contains(id)) {
                    writer.create(system, list, new EntityReference(entity, id));
                }
            }
            return null;
        });
        return new ActionResponse(Map.of());
    }
}
