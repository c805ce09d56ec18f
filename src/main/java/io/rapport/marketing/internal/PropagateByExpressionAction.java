package io.rapport.marketing.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
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
import io.rapport.query.FetchXmlParser;
import io.rapport.query.FetchXmlWriter;
import io.rapport.query.QueryExpression;
import io.rapport.query.QueryLimits;
import io.rapport.record.Entity;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Dataverse's PropagateByExpression (unbound): a quick campaign over the accounts, contacts or leads a query selects
 * (FetchXML, a {@code FetchExpression} object with its {@code Query}, or a query of the pipeline's model from the UI).
 * The activities are created by a background job as the caller; answers with the {@code BulkOperationId}.
 */
@Component
class PropagateByExpressionAction implements ActionHandler {

    private static final ActionDefinition DEFINITION = new ActionDefinition(MarketingLists.PROPAGATE_BY_EXPRESSION,
            null, false, List.of(Parameter.required(MarketingLists.QUERY_EXPRESSION, "QueryBase"),
            Parameter.required(MarketingLists.FRIENDLY_NAME, "String"),
            Parameter.required(MarketingLists.EXECUTE_IMMEDIATELY, "Boolean"),
            Parameter.entity(MarketingLists.ACTIVITY, "Entity", null, false),
            Parameter.optional(MarketingLists.TEMPLATE_ID, "Guid"),
            Parameter.required(MarketingLists.OWNERSHIP_OPTIONS, "PropagationOwnershipOptions"),
            Parameter.optional(MarketingLists.POST_WORKFLOW_EVENT, "Boolean"),
            Parameter.entity(MarketingLists.OWNER, "EntityReference", "systemuser", true),
            Parameter.optional(MarketingLists.SEND_EMAIL, "Boolean"),
            Parameter.optional(MarketingLists.QUEUE_ID, "Guid")),
            List.of(Parameter.required(MarketingLists.BULK_OPERATION_ID, "Guid")));

    private final QuickCampaigns campaigns;

    PropagateByExpressionAction(QuickCampaigns campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public ActionDefinition definition() {
        return DEFINITION;
    }

    /** The query as FetchXML over account, contact or lead. */
    static String fetchXml(Object value) {
        String xml;
        if (value instanceof QueryExpression q) {
            xml = FetchXmlWriter.write(q);
        } else if (value instanceof String s) {
            xml = s;
        } else if (value instanceof com.fasterxml.jackson.databind.JsonNode node && node.path("Query").isTextual()) {
            xml = node.path("Query").asText();
        } else {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The parameter QueryExpression must be a "
                    + "FetchExpression ({\"@odata.type\":\"Microsoft.Dynamics.CRM.FetchExpression\",\"Query\":"
                    + "\"<fetch>...</fetch>\"}) selecting accounts, contacts or leads.");
        }
        String entity = FetchXmlParser.parse(xml, QueryLimits.defaults()).query().entityName();
        if (MarketingLists.memberType(entity).isEmpty()) {
            throw new RapportException(ErrorCode.QUERY_INVALID, "A quick campaign's query must select accounts, "
                    + "contacts or leads, not " + entity + ".");
        }
        return xml;
    }

    private static String entity(String xml) {
        return FetchXmlParser.parse(xml, QueryLimits.defaults()).query().entityName();
    }

    @Override
    public void validate(ActionRequest request, PluginContext context) {
        String xml = fetchXml(request.parameter(MarketingLists.QUERY_EXPRESSION));
        MarketingListMembers.dynamicQuery(xml, entity(xml), "quick campaign");
        QuickCampaigns.activity(request.parameter(MarketingLists.ACTIVITY));
        QuickCampaigns.ownership(request.parameter(MarketingLists.OWNERSHIP_OPTIONS));
    }

    @Override
    public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
        String xml = fetchXml(request.parameter(MarketingLists.QUERY_EXPRESSION));
        Entity activity = QuickCampaigns.activity(request.parameter(MarketingLists.ACTIVITY));
        return List.of(AccessDemand.entity("bulkoperation", Privilege.CREATE),
                AccessDemand.entity(activity.logicalName(), Privilege.CREATE),
                AccessDemand.entity(entity(xml), Privilege.READ));
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        String xml = fetchXml(request.parameter(MarketingLists.QUERY_EXPRESSION));
        Entity activity = QuickCampaigns.activity(request.parameter(MarketingLists.ACTIVITY));
        return new ActionResponse(QuickCampaigns.response(campaigns.start(context,
                (String) request.parameter(MarketingLists.FRIENDLY_NAME), entity(xml), xml, null, activity,
                QuickCampaigns.ownership(request.parameter(MarketingLists.OWNERSHIP_OPTIONS)),
                Boolean.TRUE.equals(request.parameter(MarketingLists.EXECUTE_IMMEDIATELY)))));
    }
}
