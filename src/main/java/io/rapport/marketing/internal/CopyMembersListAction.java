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
import org.springframework.stereotype.Component;

/**
 * Dataverse's CopyMembersList (bound to the source list; TargetList): copies the source's members (static rows, or
 * what a dynamic source's query returns now, as the caller reads it) onto a static, unlocked target list of the
 * same member type, without duplicates.
 */
@Component
class CopyMembersListAction implements ActionHandler {

    static final String TARGET_LIST = "TargetList";
    private static final ActionDefinition DEFINITION = new ActionDefinition(MarketingLists.COPY_MEMBERS_LIST, "list",
            false, List.of(Parameter.entity(TARGET_LIST, "EntityReference", "list", false)), List.of());

    private final ListMemberWriter writer;
    private final ListCopier copier;

    CopyMembersListAction(ListMemberWriter writer, ListCopier copier) {
        this.writer = writer;
        this.copier = copier;
    }

    @Override
    public ActionDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void validate(ActionRequest request, PluginContext context) {
        ListAction.boundList(request);
        ListAction.list(request, TARGET_LIST);
    }

    @Override
    public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
        return List.of(AccessDemand.reference(ListAction.boundList(request), Privilege.READ),
                AccessDemand.reference(ListAction.list(request, TARGET_LIST), Privilege.APPEND_TO));
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        Entity source = writer.list(context, ListAction.boundList(request).id());
        Entity target = writer.list(context, ListAction.list(request, TARGET_LIST).id());
        ListRules.requireStaticUnlocked(target);
        ListRules.requireMemberType(target, ListRules.memberEntity(source));
        copier.copy(context, source, target);
        return new ActionResponse(Map.of());
    }
}
