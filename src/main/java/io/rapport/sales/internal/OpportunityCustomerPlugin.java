package io.rapport.sales.internal;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import org.springframework.stereotype.Component;

/**
 * Fills an opportunity's account and contact from its potential customer unless they are given: an account
 * customer is the account; a contact customer is the contact, and its company (if an account) the account.
 * The account is what the account rollups count the opportunity under.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "opportunity", stage = Stage.PRE_OPERATION,
        order = 10)
class OpportunityCustomerPlugin implements Plugin {

    private final SystemReads reads;

    OpportunityCustomerPlugin(SystemReads reads) {
        this.reads = reads;
    }

    @Override
    public void execute(PluginContext context) {
        Entity target = context.target();
        if (!target.contains("customerid")) {
            return;
        }
        EntityReference customer = target.getReference("customerid");
        EntityReference account = null;
        EntityReference contact = null;
        if (customer != null && "account".equals(customer.logicalName())) {
            account = customer;
        } else if (customer != null) {
            contact = customer;
            account = reads.find(context, "contact", customer.id(), "parentcustomerid")
                    .map(c -> c.getReference("parentcustomerid"))
                    .filter(p -> "account".equals(p.logicalName())).orElse(null);
        }
        if (!target.contains("parentaccountid")) {
            target.set("parentaccountid", account == null ? null : new EntityReference("account", account.id()));
        }
        if (!target.contains("parentcontactid")) {
            target.set("parentcontactid", contact == null ? null : new EntityReference("contact", contact.id()));
        }
    }
}
