package io.rapport.marketing.internal;

import io.rapport.marketing.MarketingLists;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.PluginContext;
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
class AddMemberListAction extends ListMemberAction {

    AddMemberListAction(ListMemberWriter writer) {
        super(MarketingLists.ADD_MEMBER_LIST, List.of(Parameter.required(MarketingLists.ID, "Guid")), writer);
    }

    @Override
    ActionResponse change(PluginContext context, Entity list, UUID entityId) {
        var member = writer.member(context, list, entityId);
        UUID id = writer.batch(context, list.id(), () -> writer.add(context, list, member));
        return new ActionResponse(Map.of(MarketingLists.ID, id));
    }
}
