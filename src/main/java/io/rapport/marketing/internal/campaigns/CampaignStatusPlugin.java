package io.rapport.marketing.internal.campaigns;

import static io.rapport.marketing.internal.campaigns.CampaignMessages.CANCELED;
import static io.rapport.marketing.internal.campaigns.CampaignMessages.COMPLETED;
import static io.rapport.marketing.internal.campaigns.CampaignMessages.INACTIVE;
import static io.rapport.marketing.internal.campaigns.CampaignMessages.LAUNCHED;
import static io.rapport.marketing.internal.campaigns.CampaignMessages.PROPOSED;
import static io.rapport.marketing.internal.campaigns.CampaignMessages.READY_TO_LAUNCH;
import static io.rapport.marketing.internal.campaigns.CampaignMessages.SUSPENDED;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The life of a campaign through its Dataverse status reasons: a new campaign (or template) is Proposed; Proposed →
 * Ready To Launch → Launched → Completed, a launched campaign may be Suspended and launched again, anything not
 * finished may be Canceled, and Ready To Launch may go back to Proposed. Completed and Canceled are final while the
 * campaign is active; any campaign may be deactivated (Inactive) and an inactive one comes back as Proposed. A
 * template is never launched. Launching fills in the actual start and completing the actual end when empty.
 */
@Component
@PluginStep(messages = Messages.CREATE, entity = "campaign", stage = Stage.PRE_OPERATION, order = 10)
@PluginStep(messages = Messages.UPDATE, entity = "campaign", stage = Stage.PRE_OPERATION, order = 10)
class CampaignStatusPlugin implements Plugin {

    private static final Map<Integer, Set<Integer>> NEXT = Map.of(
            PROPOSED, Set.of(READY_TO_LAUNCH, CANCELED, INACTIVE),
            READY_TO_LAUNCH, Set.of(PROPOSED, LAUNCHED, CANCELED, INACTIVE),
            LAUNCHED, Set.of(COMPLETED, SUSPENDED, CANCELED, INACTIVE),
            SUSPENDED, Set.of(LAUNCHED, CANCELED, INACTIVE),
            COMPLETED, Set.of(INACTIVE),
            CANCELED, Set.of(INACTIVE),
            INACTIVE, Set.of(PROPOSED));

    private final java.time.Clock clock;

    CampaignStatusPlugin(java.time.Clock clock) {
        this.clock = clock;
    }

    @Override
    public void execute(PluginContext context) {
        var target = context.target();
        if (context.preImage() == null) {
            Object status = target.get("statuscode");
            if (status != null && !Integer.valueOf(PROPOSED).equals(status)) {
                throw new RapportException(ErrorCode.INVALID_STATE_TRANSITION, "A new campaign is Proposed; launch "
                        + "it by moving it through Ready To Launch.", "statuscode");
            }
            target.set("statecode", 0);
            target.set("statuscode", PROPOSED);
            return;
        }
        if (!(target.get("statuscode") instanceof Integer to)) {
            return;
        }
        int from = context.preImage().get("statuscode") instanceof Integer s ? s : PROPOSED;
        if (to == from) {
            return;
        }
        if (!NEXT.getOrDefault(from, Set.of()).contains(to)) {
            throw new RapportException(ErrorCode.INVALID_STATE_TRANSITION, "A campaign cannot go from "
                    + label(context, from) + " to " + label(context, to) + ".", "statuscode");
        }
        if (to == LAUNCHED && Boolean.TRUE.equals(context.preImage().get("istemplate"))) {
            throw new RapportException(ErrorCode.BUSINESS_RULE, "A campaign template cannot be launched; create a "
                    + "campaign from it.", "statuscode");
        }
        java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(java.time.ZoneOffset.UTC));
        if (to == LAUNCHED && context.valueAfter("actualstart") == null) {
            target.set("actualstart", today);
        }
        if (to == COMPLETED && context.valueAfter("actualend") == null) {
            target.set("actualend", today);
        }
    }

    private static String label(PluginContext context, int status) {
        return context.snapshot().entity("campaign").attribute("statuscode").optionSet().option(status)
                .map(o -> o.label().get("en")).orElse(Integer.toString(status));
    }
}
