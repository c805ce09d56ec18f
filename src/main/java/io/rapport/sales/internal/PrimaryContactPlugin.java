package io.rapport.sales.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The primary contact of an account (the lookup's type already makes it a contact) must be one of the account's
 * own contacts or a stand-alone contact, and a contact is the primary contact of one account at most.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "account", stage = Stage.PRE_OPERATION,
        order = 20)
class PrimaryContactPlugin implements Plugin {

    private final SystemReads reads;

    PrimaryContactPlugin(SystemReads reads) {
        this.reads = reads;
    }

    @Override
    public void execute(PluginContext context) {
        if (!(context.target().get("primarycontactid") instanceof EntityReference contactRef)) {
            return;
        }
        UUID account = context.target().id();
        Entity contact = reads.find(context, "contact", contactRef.id(), "fullname", "parentcustomerid")
                .orElseThrow(() -> RapportException.notFound("contact", contactRef.id()));
        EntityReference parent = contact.getReference("parentcustomerid");
        if (parent != null && !parent.id().equals(account)) {
            throw new RapportException(ErrorCode.BUSINESS_RULE, "The contact '" + contact.getString("fullname")
                    + "' belongs to " + parent.logicalName() + " '" + parent.name() + "'; the primary contact of an "
                    + "account must be one of its own contacts or a contact without a company.", "primarycontactid");
        }
        var other = reads.service(context).retrieveMultiple(QueryExpression.from("account")
                .columns(ColumnSet.of("name")).where(Condition.eq("primarycontactid", contactRef.id()))
                .where(Condition.of("accountid", ConditionOperator.NOT_EQUAL, account)).top(1).build()).entities();
        if (!other.isEmpty()) {
            throw new RapportException(ErrorCode.BUSINESS_RULE, "The contact '" + contact.getString("fullname")
                    + "' is already the primary contact of the account '" + other.get(0).getString("name")
                    + "'; a contact can be the primary contact of one account only.", "primarycontactid");
        }
    }
}
