package io.rapport.marketing.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import org.springframework.stereotype.Component;

/**
 * A listmember is created only on an unlocked static list and only for a record of the list's member type; it
 * carries its member's name and entity type. Deleting one needs an unlocked list too.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.DELETE}, entity = "listmember", stage = Stage.PRE_OPERATION,
        order = 10)
class ListMemberRulesPlugin implements Plugin {

    private final MarketingReads reads;

    ListMemberRulesPlugin(MarketingReads reads) {
        this.reads = reads;
    }

    @Override
    public void execute(PluginContext context) {
        if (Messages.DELETE.equals(context.messageName())) {
            if (context.preImage() != null && context.preImage().get("listid") instanceof EntityReference list) {
                reads.find(context, "list", list.id(), ListRules.LIST_COLUMNS)
                        .ifPresent(ListRules::requireStaticUnlocked);
            }
            return;
        }
        Entity target = context.target();
        if (!(target.get("listid") instanceof EntityReference listRef) || listRef.id() == null) {
            throw new RapportException(ErrorCode.REQUIRED_ATTRIBUTE_MISSING, "A list member needs its list (listid).",
                    "listid");
        }
        if (!(target.get("entityid") instanceof EntityReference member) || member.id() == null) {
            throw new RapportException(ErrorCode.REQUIRED_ATTRIBUTE_MISSING,
                    "A list member needs its member (entityid).", "entityid");
        }
        Entity list = reads.find(context, "list", listRef.id(), ListRules.LIST_COLUMNS)
                .orElseThrow(() -> RapportException.notFound("list", listRef.id()));
        ListRules.requireStaticUnlocked(list);
        ListRules.requireMemberType(list, member.logicalName());
        String primaryName = context.snapshot().entity(member.logicalName()).primaryNameAttribute();
        Entity record = reads.find(context, member.logicalName(), member.id(), primaryName)
                .orElseThrow(() -> RapportException.notFound(member.logicalName(), member.id()));
        target.set("name", record.getString(primaryName));
        target.set("entitytype", member.logicalName());
    }
}
