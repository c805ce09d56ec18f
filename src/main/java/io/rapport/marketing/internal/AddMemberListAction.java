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
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Dataverse's AddMemberList (bound to a list, EntityId): adds an account, contact or lead to a static, unlocked list
 * of its type and answers with the listmember id ({@code Id}); a member already on the list keeps its row.
 */
@Component
class AddMemberListAction implements ActionHandler {

    private static final ActionDefinition DEFINITION = new ActionDefinition(MarketingLists.ADD_MEMBER_LIST, "list",
            false, List.of(Parameter.required(MarketingLists.ENTITY_ID, "Guid")),
            List.of(Parameter.required(MarketingLists.ID, "Guid")));

    private final ListMemberWriter writer;

    AddMemberListAction(ListMemberWriter writer) {
        this.writer = writer;
    }

    @Override
    public ActionDefinition definition() {
        return DEFINITION;
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
        var member = writer.member(context, list, ListAction.guid(request, MarketingLists.ENTITY_ID));
        UUID id = writer.batch(context, list.id(), () -> writer.add(context, list, member));
        return new ActionResponse(Map.of(MarketingLists.ID, id));
    }
}
