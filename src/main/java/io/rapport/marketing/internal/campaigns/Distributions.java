package io.rapport.marketing.internal.campaigns;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.marketing.MarketingLists;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Checks that a campaign activity may be distributed and starts its {@link Distribution}: the campaign activity is
 * open, its campaign is no template and neither inactive, completed nor canceled, its channel names an activity type
 * that exists, and the Activity parameter is of that type.
 */
@Component
class Distributions {

    /** Dataverse's bulkoperation operationtypecode Distribute. */
    static final int DISTRIBUTE = 4;

    private final Parties parties;
    private final CallerProvider callers;

    Distributions(Parties parties, CallerProvider callers) {
        this.parties = parties;
        this.callers = callers;
    }

    Distribution prepare(PluginContext context, Entity campaignActivity, Entity activity,
            DistributeCampaignActivityAction.Ownership ownership, EntityReference owner, boolean propagate,
            EntityReference queue) {
        if (!Integer.valueOf(0).equals(campaignActivity.get("statecode"))) {
            throw new RapportException(ErrorCode.INVALID_STATE_TRANSITION, "The campaign activity '"
                    + campaignActivity.getString("subject") + "' is closed or canceled; only an open campaign "
                    + "activity can be distributed.", "statecode");
        }
        if (!(campaignActivity.get("regardingobjectid") instanceof EntityReference ref)) {
            throw new RapportException(ErrorCode.BUSINESS_RULE, "The campaign activity has no parent campaign.",
                    "regardingobjectid");
        }
        Entity campaign = context.service().retrieve("campaign", ref.id(),
                ColumnSet.of("name", "statecode", "statuscode", "istemplate"));
        int status = campaign.get("statuscode") instanceof Integer s ? s : 0;
        if (Boolean.TRUE.equals(campaign.get("istemplate"))) {
            throw new RapportException(ErrorCode.BUSINESS_RULE, "The campaign '" + campaign.getString("name")
                    + "' is a template; its activities cannot be distributed.", "regardingobjectid");
        }
        if (status == CampaignMessages.COMPLETED || status == CampaignMessages.CANCELED
                || status == CampaignMessages.INACTIVE) {
            throw new RapportException(ErrorCode.BUSINESS_RULE, "The campaign '" + campaign.getString("name")
                    + "' is completed, canceled or inactive; its activities can no longer be distributed.",
                    "regardingobjectid");
        }
        Channel channel = Channel.of(campaignActivity.get("channeltypecode"));
        if (context.snapshot().findEntity(channel.entity).isEmpty()) {
            throw new RapportException(ErrorCode.BUSINESS_RULE, "There is no '" + channel.entity + "' activity type "
                    + "to distribute this campaign activity's channel with.", "channeltypecode");
        }
        if (!channel.entity.equals(activity.logicalName())) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The campaign activity's channel creates "
                    + channel.entity + " activities; the parameter Activity is a " + activity.logicalName() + ".",
                    "Activity");
        }
        return new Distribution(context, parties, campaignActivity, channel, activity, ownership, owner, propagate, queue);
    }

    /**
     * The bulk operation of this distribution (Distribute, 4), written as the system user before the activities so
     * that skipped members can be logged on it: owned by the caller, named after the campaign activity, in progress.
     */
    UUID open(PluginContext context, Entity campaignActivity, Distribution distribution) {
        OrganizationService system = context.service().as(callers.system());
        EntityReference owner = new EntityReference("systemuser", context.caller().userId());
        Integer type = MarketingLists.ACTIVITY_TYPES.get(distribution.channel().entity);
        Entity operation = new Entity("bulkoperation").set("subject", campaignActivity.getString("subject"))
                .set("operationtypecode", DISTRIBUTE).set("ownerid", owner).set("actualstart", Instant.now())
                .set("statuscode", MarketingLists.BULK_IN_PROGRESS)
                .set("description", "DistributeCampaignActivity of campaign activity " + campaignActivity.id());
        if (type != null) {
            operation.set("createdrecordtypecode", type);
        }
        UUID id = system.create(operation);
        distribution.logOn(system, id, owner);
        return id;
    }

    /** Records the counts of the finished distribution and completes its bulk operation. */
    void close(PluginContext context, UUID operation, Distribution distribution) {
        OrganizationService system = context.service().as(callers.system());
        system.update(new Entity("bulkoperation", operation).set("targetmemberscount", distribution.created()
                + distribution.skipped()).set("successcount", distribution.created())
                .set("failurecount", distribution.skipped()).set("actualend", Instant.now()));
        system.execute(new SetStateRequest(new EntityReference("bulkoperation", operation), 1,
                MarketingLists.BULK_COMPLETED));
    }
}
