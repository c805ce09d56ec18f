package io.rapport.marketing.internal.campaigns;

import static io.rapport.marketing.internal.campaigns.CampaignMessages.ACTIVITY;
import static io.rapport.marketing.internal.campaigns.CampaignMessages.BULK_OPERATION_ID;
import static io.rapport.marketing.internal.campaigns.CampaignMessages.OWNER;
import static io.rapport.marketing.internal.campaigns.CampaignMessages.OWNERSHIP_OPTIONS;
import static io.rapport.marketing.internal.campaigns.CampaignMessages.POST_WORKFLOW_EVENT;
import static io.rapport.marketing.internal.campaigns.CampaignMessages.PROPAGATE;
import static io.rapport.marketing.internal.campaigns.CampaignMessages.QUEUE;
import static io.rapport.marketing.internal.campaigns.CampaignMessages.SEND_EMAIL;
import static io.rapport.marketing.internal.campaigns.CampaignMessages.TEMPLATE;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
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
import io.rapport.record.EntityReference;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Dataverse's DistributeCampaignActivity (bound to a campaign activity; Propagate, Activity, Template,
 * OwnershipOptions, Owner, SendEmail, Queue, PostWorkflowEvent → BulkOperationId): one activity of the channel's
 * type for each member of the campaign's marketing lists, each member once even when the lists overlap, regarding
 * the campaign activity and addressed to the member. Members whose preference forbids the channel (when the campaign
 * activity excludes those who opted out) and inactive members (when it excludes them) are skipped. Owners follow
 * OwnershipOptions: None and Caller give the activities to the caller (or to Owner when given), ListMemberOwner to
 * each member's owner. With Propagate the activities are created completed (emails stay open: sending is the mail
 * module's). Everything happens in the message's transaction.
 */
@Component
class DistributeCampaignActivityAction implements ActionHandler {

    private static final Logger log = LoggerFactory.getLogger(DistributeCampaignActivityAction.class);

    private static final ActionDefinition DEFINITION = new ActionDefinition(
            CampaignMessages.DISTRIBUTE_CAMPAIGN_ACTIVITY, "campaignactivity", false, List.of(
                    Parameter.required(PROPAGATE, "Boolean"),
                    Parameter.entity(ACTIVITY, "Entity", null, false),
                    Parameter.entity(TEMPLATE, "EntityReference", null, true),
                    Parameter.required(OWNERSHIP_OPTIONS, "String"),
                    Parameter.entity(OWNER, "EntityReference", null, true),
                    Parameter.optional(SEND_EMAIL, "Boolean"),
                    Parameter.entity(QUEUE, "EntityReference", "queue", true),
                    Parameter.optional(POST_WORKFLOW_EVENT, "Boolean")),
            List.of(Parameter.required(BULK_OPERATION_ID, "Guid")));

    /** What a distributed activity never takes from the Activity parameter. */
    private static final Set<String> NOT_COPIED = Set.of("activityid", "regardingobjectid", "statecode", "statuscode",
            "ownerid", "activitytypecode");

    private final CampaignMembers members;
    private final Distributions distributions;

    DistributeCampaignActivityAction(CampaignMembers members, Distributions distributions) {
        this.members = members;
        this.distributions = distributions;
    }

    @Override
    public ActionDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void validate(ActionRequest request, PluginContext context) {
        if (request.target() == null || !"campaignactivity".equals(request.target().logicalName())
                || request.target().id() == null) {
            throw RapportException.invalid("DistributeCampaignActivity is bound to a campaign activity.");
        }
        if (!(request.parameter(ACTIVITY) instanceof Entity)) {
            throw RapportException.invalid("The parameter Activity is required: the activity (phone call, appointment, "
                    + "letter, fax or email) to create for each member.");
        }
        Ownership.parse(request.parameter(OWNERSHIP_OPTIONS));
        if (request.parameter(OWNER) instanceof EntityReference owner
                && !Set.of("systemuser", "team").contains(owner.logicalName())) {
            throw RapportException.invalid("The parameter Owner must name a user or a team.");
        }
    }

    /** Distributing reads the campaign activity and creates activities of its channel's type. */
    @Override
    public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
        String activity = ((Entity) request.parameter(ACTIVITY)).logicalName();
        return List.of(AccessDemand.reference(request.target(), Privilege.APPEND_TO),
                AccessDemand.entity(context.snapshot().findEntity(activity).isPresent() ? activity : "phonecall",
                        Privilege.CREATE));
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        Entity campaignActivity = context.service().retrieve("campaignactivity", request.target().id(),
                ColumnSet.of("subject", "description", "channeltypecode", "statecode", "regardingobjectid",
                        "scheduledstart", "scheduledend", "ignoreinactivelistmembers", "donotsendonoptout"));
        Distribution distribution = distributions.prepare(context, campaignActivity,
                (Entity) request.parameter(ACTIVITY), Ownership.parse(request.parameter(OWNERSHIP_OPTIONS)),
                request.parameter(OWNER) instanceof EntityReference o ? o : null,
                Boolean.TRUE.equals(request.parameter(PROPAGATE)),
                request.parameter(QUEUE) instanceof EntityReference q ? q : null);
        EntityReference campaign = campaignActivity.getReference("regardingobjectid");
        UUID operation = distributions.open(context, campaignActivity, distribution);
        members.forEachBatch(context, members.lists(context, campaign.id()), distribution::distribute);
        distributions.close(context, operation, distribution);
        log.info("Campaign activity distributed campaignactivity={} bulkoperation={} created={} skipped={}",
                campaignActivity.id(), operation, distribution.created(), distribution.skipped());
        return new ActionResponse(Map.of(BULK_OPERATION_ID, operation));
    }

    /** Dataverse's PropagationOwnershipOptions: None 0, Caller 1, ListMemberOwner 2 (by name or value). */
    enum Ownership {
        NONE, CALLER, LISTMEMBEROWNER;

        static Ownership parse(Object value) {
            String text = value == null ? "" : value.toString().trim();
            for (Ownership o : values()) {
                if (o.name().equalsIgnoreCase(text) || Integer.toString(o.ordinal()).equals(text)) {
                    return o;
                }
            }
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The parameter OwnershipOptions must be None, "
                    + "Caller or ListMemberOwner (0, 1 or 2), not '" + text + "'.", OWNERSHIP_OPTIONS);
        }
    }

    static Set<String> notCopied() {
        return NOT_COPIED;
    }
}
