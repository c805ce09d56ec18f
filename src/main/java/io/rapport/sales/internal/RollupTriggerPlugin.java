package io.rapport.sales.internal;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * After a contact, opportunity, quote, order or invoice is created, changed or deleted, refreshes the rollups of the accounts it
 * belonged to before and after (a contact by its parent customer, an opportunity by its account): only the rollups
 * that kind of record counts in ({@link AccountRollups}).
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE}, entity = "contact",
        stage = Stage.POST_OPERATION, order = 50)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE}, entity = "opportunity",
        stage = Stage.POST_OPERATION, order = 50)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE}, entity = "quote",
        stage = Stage.POST_OPERATION, order = 50)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE}, entity = "salesorder",
        stage = Stage.POST_OPERATION, order = 50)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE}, entity = "invoice",
        stage = Stage.POST_OPERATION, order = 50)
class RollupTriggerPlugin implements Plugin {

    private static final Map<String, String> ACCOUNT_ATTRIBUTE = Map.of("contact", "parentcustomerid",
            "opportunity", "parentaccountid", "quote", "customerid", "salesorder", "customerid",
            "invoice", "customerid");
    private static final List<String> DOCUMENT = List.of("customerid", "statecode", "totalamount");
    private static final Map<String, List<String>> INPUTS = Map.of(
            "contact", List.of("parentcustomerid", "statecode"),
            "opportunity", List.of("parentaccountid", "statecode", "estimatedvalue", "actualvalue"),
            "quote", DOCUMENT, "salesorder", DOCUMENT, "invoice", DOCUMENT);

    private final AccountRollups rollups;

    RollupTriggerPlugin(AccountRollups rollups) {
        this.rollups = rollups;
    }

    @Override
    public void execute(PluginContext context) {
        String entity = context.entityName();
        Entity target = context.target();
        if (target != null && context.preImage() != null
                && INPUTS.get(entity).stream().noneMatch(target::contains)) {
            return;
        }
        String attribute = ACCOUNT_ATTRIBUTE.get(entity);
        Set<UUID> accounts = new LinkedHashSet<>();
        addAccount(accounts, context.preImage(), attribute);
        addAccount(accounts, context.postImage(), attribute);
        for (UUID id : accounts) {
            // once per account at the end of a batch of changes (DeferredWork), with every kind of record changed
            rollups.changed(context, id, entity);
        }
    }

    private static void addAccount(Set<UUID> accounts, Entity image, String attribute) {
        if (image != null && image.get(attribute) instanceof EntityReference ref && "account".equals(ref.logicalName())) {
            accounts.add(ref.id());
        }
    }
}
