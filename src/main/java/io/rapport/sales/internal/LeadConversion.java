package io.rapport.sales.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.PluginContext;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Creates the records of a lead's qualification: duplicate detection first (nothing is created if it finds
 * matches, unless suppressed), then the account, the contact (of that account, and its primary contact), the
 * opportunity (for the given customer, else the new account or contact, else the lead's existing ones), and
 * finally links the lead to them.
 */
@Component
class LeadConversion {

    /** What to create, as the QualifyLead parameters say. */
    record Options(boolean account, boolean contact, boolean opportunity, EntityReference customer,
            EntityReference currency, EntityReference campaign, boolean suppressDuplicateDetection) {
    }

    private final AttributeMapper mapper;
    private final DuplicateRules duplicates;

    LeadConversion(AttributeMapper mapper, DuplicateRules duplicates) {
        this.mapper = mapper;
        this.duplicates = duplicates;
    }

    static EntityReference reference(Object value, String parameter, String... entities) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof EntityReference ref) || !Arrays.asList(entities).contains(ref.logicalName())) {
            throw RapportException.invalid("The parameter " + parameter + " must refer to a record of "
                    + String.join(" or ", entities) + ".");
        }
        return ref;
    }

    List<Entity> convert(PluginContext context, Entity lead, Options options) {
        EntityReference leadRef = new EntityReference("lead", lead.id());
        Entity account = options.account() ? prepare(context, lead, "account", leadRef) : null;
        Entity contact = options.contact() ? prepare(context, lead, "contact", leadRef) : null;
        Entity opportunity = options.opportunity() ? prepare(context, lead, "opportunity", leadRef) : null;
        if (account != null && account.get("name") == null) {
            throw new RapportException(ErrorCode.REQUIRED_ATTRIBUTE_MISSING, "The lead has no company "
                    + "name, so no account can be created from it; fill in the company name or do not create an "
                    + "account.", "companyname");
        }
        if (!options.suppressDuplicateDetection()) {
            checkDuplicates(context, account, contact);
        }
        OrganizationService service = context.service();
        List<Entity> created = new ArrayList<>();
        Entity leadChanges = new Entity("lead", lead.id());
        if (account != null) {
            account.setId(service.create(account));
            created.add(new Entity("account", account.id()));
            leadChanges.set("parentaccountid", account.toReference());
        }
        if (contact != null) {
            EntityReference company = account != null ? account.toReference() : lead.getReference("parentaccountid");
            if (company != null) {
                contact.set("parentcustomerid", new EntityReference("account", company.id()));
            }
            contact.setId(service.create(contact));
            created.add(new Entity("contact", contact.id()));
            leadChanges.set("parentcontactid", contact.toReference());
            if (account != null) {
                service.update(new Entity("account", account.id()).set("primarycontactid", contact.toReference()));
            }
        }
        if (opportunity != null) {
            opportunity.set("customerid", customer(lead, options, account, contact));
            // as Dataverse: the opportunity's Account and Contact are the ones qualification made
            if (account != null && opportunity.get("parentaccountid") == null) {
                opportunity.set("parentaccountid", account.toReference());
            }
            if (contact != null && opportunity.get("parentcontactid") == null) {
                opportunity.set("parentcontactid", contact.toReference());
            }
            if (options.currency() != null) {
                opportunity.set("transactioncurrencyid", options.currency());
            }
            // the source campaign: SourceCampaignId, else the lead's own (a lead made from a campaign response)
            EntityReference campaign = options.campaign() != null ? options.campaign()
                    : lead.getReference("campaignid");
            if (campaign != null && context.snapshot().entity("opportunity").hasAttribute("campaignid")) {
                opportunity.set("campaignid", new EntityReference("campaign", campaign.id()));
            }
            opportunity.setId(service.create(opportunity));
            created.add(new Entity("opportunity", opportunity.id()));
            leadChanges.set("qualifyingopportunityid", opportunity.toReference());
        }
        if (!leadChanges.attributes().isEmpty()) {
            service.update(leadChanges);
        }
        return created;
    }

    private Entity prepare(PluginContext context, Entity lead, String entity, EntityReference leadRef) {
        Entity record = mapper.map(context, lead, entity);
        record.set("originatingleadid", leadRef);
        return record;
    }

    private void checkDuplicates(PluginContext context, Entity... records) {
        List<DuplicateRules.Match> matches = new ArrayList<>();
        for (Entity record : records) {
            if (record != null) {
                for (String matching : duplicates.matchingEntities(context, record.logicalName())) {
                    matches.addAll(duplicates.find(context, record, matching));
                }
            }
        }
        if (!matches.isEmpty()) {
            throw DuplicateDetectionPlugin.duplicates(matches);
        }
    }

    private static EntityReference customer(Entity lead, Options options, Entity account, Entity contact) {
        if (options.customer() != null) {
            return options.customer();
        }
        if (account != null) {
            return account.toReference();
        }
        if (contact != null) {
            return contact.toReference();
        }
        EntityReference existing = lead.getReference("parentaccountid");
        if (existing == null) {
            existing = lead.getReference("parentcontactid");
        }
        return existing == null ? null : new EntityReference(existing.logicalName(), existing.id());
    }
}
