package io.rapport.marketing.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
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

/** Dataverse's RemoveMemberList (bound to a list, EntityId): takes a member off a static, unlocked list. */
@Component
class RemoveMemberListAction implements ActionHandler {

    private static final ActionDefinition DEFINITION = new ActionDefinition(MarketingLists.REMOVE_MEMBER_LIST,
            "list", false, List.of(Parameter.required(MarketingLists.ENTITY_ID, "Guid")), List.of());

    private final ListMemberWriter writer;

    RemoveMemberListAction(ListMemberWriter writer) {
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
        UUID member = ListAction.guid(request, MarketingLists.ENTITY_ID);
        boolean removed = writer.batch(context, list.id(), () -> writer.remove(context, list.id(), member));
        if (!removed) {
            throw new RapportException(ErrorCode.OBJECT_DOES_NOT_EXIST, "The record " + member
                    + " is not a member of the marketing list '" + list.getString("listname") + "'.", "entityid");
        }
        return new ActionResponse(Map.of());
    }
}
