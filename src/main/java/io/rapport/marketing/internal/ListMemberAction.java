package io.rapport.marketing.internal;

import io.rapport.marketing.MarketingLists;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.record.Entity;
import java.util.List;
import java.util.UUID;

/**
 * What AddMemberList and RemoveMemberList share: bound to a list with one {@code EntityId}, they need Append To on
 * the list and change the members of a static, unlocked list only; the subclass does the change itself.
 */
abstract class ListMemberAction implements ActionHandler {

    private final ActionDefinition definition;
    final ListMemberWriter writer;

    ListMemberAction(String message, List<Parameter> outputs, ListMemberWriter writer) {
        this.definition = new ActionDefinition(message, "list", false,
                List.of(Parameter.required(MarketingLists.ENTITY_ID, "Guid")), outputs);
        this.writer = writer;
    }

    @Override
    public ActionDefinition definition() {
        return definition;
    }

    @Override
    public void validate(ActionRequest request, PluginContext context) {
        ListAction.boundList(request);
        ListAction.guid(request, MarketingLists.ENTITY_ID);
    }

    @Override
    public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
        return List.of(AccessDemand.reference(ListAction.boundList(request), Privilege.APPEND_TO));
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        Entity list = writer.list(context, ListAction.boundList(request).id());
        ListRules.requireStaticUnlocked(list);
        return change(context, list, ListAction.guid(request, MarketingLists.ENTITY_ID));
    }

    /** Adds or removes the member of the (static, unlocked) list. */
    abstract ActionResponse change(PluginContext context, Entity list, UUID member);
}
