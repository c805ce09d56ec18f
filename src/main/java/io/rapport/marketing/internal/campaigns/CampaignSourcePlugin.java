package io.rapport.marketing.internal.campaigns;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import org.springframework.stereotype.Component;

/**
 * A lead made from a campaign response ({@code relatedobjectid}) takes the response's campaign as its source campaign
 * ({@code campaignid}) unless one is given: converting a response keeps the campaign as the lead's source.
 */
@Component
@PluginStep(messages = Messages.CREATE, entity = "lead", stage = Stage.PRE_VALIDATION, order = 50)
class CampaignSourcePlugin implements Plugin {

    @Override
    public void execute(PluginContext context) {
        Entity lead = context.target();
        if (lead.get("campaignid") == null && lead.get("relatedobjectid") instanceof EntityReference response
                && "campaignresponse".equals(response.logicalName())) {
            EntityReference campaign = context.service().retrieve("campaignresponse", response.id(),
                    ColumnSet.of("regardingobjectid")).getReference("regardingobjectid");
            if (campaign != null) {
                lead.set("campaignid", new EntityReference("campaign", campaign.id()));
            }
        }
    }
}
