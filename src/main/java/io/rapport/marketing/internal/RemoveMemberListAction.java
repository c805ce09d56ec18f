package io.rapport.marketing.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.marketing.MarketingLists;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.record.Entity;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Dataverse's RemoveMemberList (bound to a list, EntityId): takes a member off a static, unlocked list. */
@Component
class RemoveMemberListAction extends ListMemberAction {

    RemoveMemberListAction(ListMemberWriter writer) {
        super(MarketingLists.REMOVE_MEMBER_LIST, List.of(), writer);
    }

    @Override
    ActionResponse change(PluginContext context, Entity list, UUID member) {
        boolean removed = writer.batch(context, list.id(), () -> writer.remove(context, list.id(), member));
        if (!removed) {
            throw new RapportException(ErrorCode.OBJECT_DOES_NOT_EXIST, "The record " + member
                    + " is not a member of the marketing list '" + list.getString("listname") + "'.", "entityid");
        }
        return new ActionResponse(Map.of());
    }
}
