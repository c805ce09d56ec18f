package io.rapport.marketing.internal;

import io.rapport.marketing.MarketingListMembers;
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
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Dataverse's CreateActivitiesList (bound to a marketing list): a quick campaign over the list's members (static
 * rows, or what a dynamic list's query returns when the job runs); {@code Propagate} true creates the activities
 * completed. Answers with the {@code BulkOperationId}; the list's lastusedon moves to now.
 */
@Component
class CreateActivitiesListAction implements ActionHandler {

    private static final ActionDefinition DEFINITION = new ActionDefinition(MarketingLists.CREATE_ACTIVITIES_LIST,
            "list", false, List.of(Parameter.required(MarketingLists.FRIENDLY_NAME, "String"),
            Parameter.entity(MarketingLists.ACTIVITY, "Entity", null, false),
            Parameter.optional(MarketingLists.TEMPLATE_ID, "Guid"),
            Parameter.required(MarketingLists.PROPAGATE, "Boolean"),
            Parameter.required(MarketingLists.OWNERSHIP_OPTIONS, "PropagationOwnershipOptions"),
            Parameter.entity(MarketingLists.OWNER, "EntityReference", "systemuser", true),
            Parameter.optional("sendEmail", "Boolean"),
            Parameter.optional(MarketingLists.QUEUE_ID, "Guid"),
            Parameter.optional(MarketingLists.POST_WORKFLOW_EVENT, "Boolean")),
            List.of(Parameter.required(MarketingLists.BULK_OPERATION_ID, "Guid")));

    private final QuickCampaigns campaigns;
    private final MarketingReads reads;

    CreateActivitiesListAction(QuickCampaigns campaigns, MarketingReads reads) {
        this.campaigns = campaigns;
        this.reads = reads;
    }

    @Override
    public ActionDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void validate(ActionRequest request, PluginContext context) {
        ListAction.boundList(request);
        QuickCampaigns.activity(request.parameter(MarketingLists.ACTIVITY));
        QuickCampaigns.ownership(request.parameter(MarketingLists.OWNERSHIP_OPTIONS));
    }

    @Override
    public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
        Entity activity = QuickCampaigns.activity(request.parameter(MarketingLists.ACTIVITY));
        return List.of(AccessDemand.reference(ListAction.boundList(request), Privilege.READ),
                AccessDemand.entity("bulkoperation", Privilege.CREATE),
                AccessDemand.entity(activity.logicalName(), Privilege.CREATE));
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        Entity list = context.service().retrieve("list", ListAction.boundList(request).id(),
                ColumnSet.of(MarketingListMembers.LIST_COLUMNS));
        String entity = MarketingListMembers.memberEntity(list);
        if (MarketingListMembers.dynamic(list)) {
            MarketingListMembers.dynamicQuery(list.getString("query"), entity, list.getString("listname"));
        }
        Entity activity = QuickCampaigns.activity(request.parameter(MarketingLists.ACTIVITY));
        java.util.UUID id = campaigns.start(context, (String) request.parameter(MarketingLists.FRIENDLY_NAME), entity,
                null, list.toReference(), activity,
                QuickCampaigns.ownership(request.parameter(MarketingLists.OWNERSHIP_OPTIONS)),
                Boolean.TRUE.equals(request.parameter(MarketingLists.PROPAGATE)));
        reads.system(context).update(new Entity("list", list.id()).set("lastusedon", Instant.now()));
        return new ActionResponse(QuickCampaigns.response(id));
    }
}
