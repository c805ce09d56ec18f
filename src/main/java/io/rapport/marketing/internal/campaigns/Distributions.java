package io.rapport.marketing.internal.campaigns;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.record.Ids;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Checks that a campaign activity may be distributed and starts its {@link Distribution}: the campaign activity is
 * open, its campaign is no template and neither inactive, completed nor canceled, its channel names an activity type
 * that exists, and the Activity parameter is of that type.
 */
@Component
class Distributions {

    private final Parties parties;

    Distributions(Parties parties) {
        this.parties = parties;
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
     * The id answered as BulkOperationId. Until the marketing module records distributions as bulk operations it
     * names this distribution only (it is logged with the counts).
     */
    UUID record(PluginContext context, Entity campaignActivity, Distribution distribution) {
        return Ids.newId();
    }
}
