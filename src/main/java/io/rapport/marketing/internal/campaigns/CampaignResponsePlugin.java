package io.rapport.marketing.internal.campaigns;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * A campaign response created from a distributed activity ({@code originatingactivityid}, given as the activity or
 * its pointer) is regarding that activity's campaign and takes its channel when none is given; after it is created,
 * the people the activity was addressed to become the response's customers (activity parties of type Customer, 11)
 * unless the response names its own.
 */
@Component
@PluginStep(messages = Messages.CREATE, entity = "campaignresponse", stage = Stage.PRE_VALIDATION, order = 50)
@PluginStep(messages = Messages.CREATE, entity = "campaignresponse", stage = Stage.POST_OPERATION, order = 50)
class CampaignResponsePlugin implements Plugin {

    static final int CUSTOMER = 11;
    private static final Map<String, Integer> CHANNELS = Map.of("email", 1, "phonecall", 2, "fax", 3, "letter", 4,
            "appointment", 5);

    @Override
    public void execute(PluginContext context) {
        if (!(context.target().get("originatingactivityid") instanceof EntityReference origin)) {
            return;
        }
        if (context.stage() == Stage.POST_OPERATION) {
            customers(context, origin);
            return;
        }
        Entity response = context.target();
        response.set("originatingactivityid", new EntityReference("activitypointer", origin.id()));
        Entity pointer = context.service().retrieve("activitypointer", origin.id(),
                ColumnSet.of("regardingobjectid", "activitytypecode"));
        if (response.get("regardingobjectid") == null) {
            EntityReference regarding = pointer.getReference("regardingobjectid");
            if (regarding == null || !"campaignactivity".equals(regarding.logicalName())) {
                throw new RapportException(ErrorCode.BUSINESS_RULE, "The originating activity was not distributed "
                        + "from a campaign activity; name the campaign of the response (regardingobjectid).",
                        "originatingactivityid");
            }
            EntityReference campaign = context.service().retrieve("campaignactivity", regarding.id(),
                    ColumnSet.of("regardingobjectid")).getReference("regardingobjectid");
            response.set("regardingobjectid", new EntityReference("campaign", campaign.id()));
        }
        if (response.get("channeltypecode") == null && CHANNELS.containsKey(pointer.getString("activitytypecode"))) {
            response.set("channeltypecode", CHANNELS.get(pointer.getString("activitytypecode")));
        }
    }

    private void customers(PluginContext context, EntityReference origin) {
        EntityReference response = new EntityReference("campaignresponse", context.target().id());
        if (parties.has(context, response.id(), CUSTOMER)) {
            return;
        }
        for (EntityReference who : parties.of(context, origin.id(), 2, 5)) {
            parties.add(context, response, who, CUSTOMER);
        }
    }

    private final Parties parties;

    CampaignResponsePlugin(Parties parties) {
        this.parties = parties;
    }
}
