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
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Dataverse's CopyDynamicListToStatic (bound to a dynamic list): creates a static list of the same member type with
 * what the query returns now (as the caller reads it), then locks the copy; answers with {@code StaticListId}.
 */
@Component
class CopyDynamicListToStaticAction implements ActionHandler {

    private static final ActionDefinition DEFINITION = new ActionDefinition(
            MarketingLists.COPY_DYNAMIC_LIST_TO_STATIC, "list", false, List.of(),
            List.of(Parameter.required(MarketingLists.STATIC_LIST_ID, "Guid")));

    private final ListMemberWriter writer;
    private final ListCopier copier;

    CopyDynamicListToStaticAction(ListMemberWriter writer, ListCopier copier) {
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
    }

    @Override
    public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
        return List.of(AccessDemand.reference(ListAction.boundList(request), Privilege.READ),
                AccessDemand.entity("list", Privilege.CREATE));
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        UUID sourceId = ListAction.boundList(request).id();
        Entity source = context.service().retrieve("list", sourceId, ColumnSet.of("listname", "createdfromcode",
                "type", "query", "source", "purpose", "description", "cost"));
        if (!ListRules.dynamic(source)) {
            throw new RapportException(ErrorCode.BUSINESS_RULE, "The marketing list '" + source.getString("listname")
                    + "' is already static; copy its members with CopyMembersList instead.", "type");
        }
        Entity copy = new Entity("list").set("listname", source.getString("listname") + " (static)")
                .set("createdfromcode", source.getInteger("createdfromcode")).set("type", false)
                .set("lockstatus", false);
        for (String a : List.of("source", "purpose", "description", "cost")) {
            if (source.get(a) != null) {
                copy.set(a, source.get(a));
            }
        }
        UUID id = context.service().create(copy);
        Entity target = writer.list(context, id);
        copier.copy(context, source, target);
        context.service().update(new Entity("list", id).set("lockstatus", true));
        return new ActionResponse(Map.of(MarketingLists.STATIC_LIST_ID, id));
    }
}
