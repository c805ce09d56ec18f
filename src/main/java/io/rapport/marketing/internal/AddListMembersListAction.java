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
import io.rapport.record.EntityReference;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Dataverse's AddListMembersList (unbound; List, Members): adds several records to a static, unlocked list, each
 * once. Every member is checked before any is added, so one of the wrong type or unknown adds none.
 */
@Component
class AddListMembersListAction implements ActionHandler {

    static final String LIST = "List";
    static final String MEMBERS = "Members";
    private static final ActionDefinition DEFINITION = new ActionDefinition(MarketingLists.ADD_LIST_MEMBERS_LIST,
            null, false, List.of(Parameter.entity(LIST, "EntityReference", "list", false),
            Parameter.entity(MEMBERS, "EntityCollection", null, false)), List.of());

    private final ListMemberWriter writer;
    private final MarketingReads reads;

    AddListMembersListAction(ListMemberWriter writer, MarketingReads reads) {
        this.writer = writer;
        this.reads = reads;
    }

    @Override
    public ActionDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void validate(ActionRequest request, PluginContext context) {
        ListAction.list(request, LIST);
        ListAction.members(request, MEMBERS);
    }

    @Override
    public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
        return List.of(AccessDemand.reference(ListAction.list(request, LIST), Privilege.APPEND_TO));
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        Entity list = writer.list(context, ListAction.list(request, LIST).id());
        ListRules.requireStaticUnlocked(list);
        Set<UUID> ids = new LinkedHashSet<>();
        for (EntityReference given : ListAction.members(request, MEMBERS)) {
            ids.add(writer.member(context, list, given).id());
        }
        String entity = ListRules.memberEntity(list);
        writer.batch(context, list.id(), () -> {
            Set<UUID> already = writer.existing(context, list.id(), new ArrayList<>(ids));
            var system = reads.system(context);
            for (UUID id : ids) {
                if (!already.contains(id)) {
                    writer.create(system, list, new EntityReference(entity, id));
                }
            }
            return null;
        });
        return new ActionResponse(Map.of());
    }
}
