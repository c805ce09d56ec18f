package io.rapport.sales.internal;

import io.rapport.pipeline.StateReasons;
import static io.rapport.sales.SalesMessages.CREATE_ACCOUNT;
import static io.rapport.sales.SalesMessages.CREATE_CONTACT;
import static io.rapport.sales.SalesMessages.CREATE_OPPORTUNITY;
import static io.rapport.sales.SalesMessages.CREATED_ENTITIES;
import static io.rapport.sales.SalesMessages.OPPORTUNITY_CURRENCY_ID;
import static io.rapport.sales.SalesMessages.OPPORTUNITY_CUSTOMER_ID;
import static io.rapport.sales.SalesMessages.PROCESS_INSTANCE_ID;
import static io.rapport.sales.SalesMessages.SOURCE_CAMPAIGN_ID;
import static io.rapport.sales.SalesMessages.STATUS;
import static io.rapport.sales.SalesMessages.SUPPRESS_DUPLICATE_DETECTION;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.sales.LeadQualified;
import io.rapport.sales.SalesMessages;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Dataverse's QualifyLead: turns an open lead into the account, contact and opportunity asked for (fields
 * carried over by the attribute maps, each pointing back to the lead), after duplicate detection; the lead gets
 * its qualifying opportunity and becomes Qualified, which makes it read-only. Publishes {@link LeadQualified},
 * delivered to transactional listeners after the commit.
 */
@Component
class QualifyLeadAction implements ActionHandler {

    private static final Logger log = LoggerFactory.getLogger(QualifyLeadAction.class);
    static final int QUALIFIED = 1;

    private static final ActionDefinition DEFINITION = new ActionDefinition(SalesMessages.QUALIFY_LEAD, "lead",
            false, List.of(Parameter.required(CREATE_ACCOUNT, "Boolean"), Parameter.required(CREATE_CONTACT, "Boolean"),
                    Parameter.required(CREATE_OPPORTUNITY, "Boolean"),
                    Parameter.entity(OPPORTUNITY_CURRENCY_ID, "EntityReference", "transactioncurrency", true),
                    Parameter.entity(OPPORTUNITY_CUSTOMER_ID, "EntityReference", null, true),
                    Parameter.entity(SOURCE_CAMPAIGN_ID, "EntityReference", null, true),
                    Parameter.required(STATUS, "Int32"),
                    Parameter.entity(PROCESS_INSTANCE_ID, "EntityReference", null, true),
                    Parameter.optional(SUPPRESS_DUPLICATE_DETECTION, "Boolean")),
            List.of(Parameter.entity(CREATED_ENTITIES, "EntityCollection", null, false)));

    private final LeadConversion conversion;
    private final ApplicationEventPublisher events;

    QualifyLeadAction(LeadConversion conversion, ApplicationEventPublisher events) {
        this.conversion = conversion;
        this.events = events;
    }

    @Override
    public ActionDefinition definition() {
        return DEFINITION;
    }

    @Override
    public void validate(ActionRequest request, PluginContext context) {
        if (request.target() == null || !"lead".equals(request.target().logicalName())
                || request.target().id() == null) {
            throw RapportException.invalid("QualifyLead is bound to a lead.");
        }
    }

    /** Qualifying writes the lead (its state and links), so the caller needs Write on it. */
    @Override
    public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
        return List.of(AccessDemand.reference(request.target(), Privilege.WRITE));
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        Entity lead = context.service().retrieve("lead", request.target().id(), ColumnSet.all());
        int state = lead.getInteger("statecode");
        if (state != 0) {
            throw new RapportException(ErrorCode.INVALID_STATE_TRANSITION, "The lead '" + lead.getString("fullname")
                    + "' is already " + StateReasons.label(context, "lead", state) + "; reactivate it before qualifying it.",
                    "statecode");
        }
        int status = StateReasons.requireStatus(context, "lead", QUALIFIED, request.parameter(STATUS), STATUS);
        var options = new LeadConversion.Options(
                StateReasons.flag(request.parameter(CREATE_ACCOUNT), CREATE_ACCOUNT),
                StateReasons.flag(request.parameter(CREATE_CONTACT), CREATE_CONTACT),
                StateReasons.flag(request.parameter(CREATE_OPPORTUNITY), CREATE_OPPORTUNITY),
                LeadConversion.reference(request.parameter(OPPORTUNITY_CUSTOMER_ID), OPPORTUNITY_CUSTOMER_ID,
                        "account", "contact"),
                LeadConversion.reference(request.parameter(OPPORTUNITY_CURRENCY_ID), OPPORTUNITY_CURRENCY_ID,
                        "transactioncurrency"),
                LeadConversion.reference(request.parameter(SOURCE_CAMPAIGN_ID), SOURCE_CAMPAIGN_ID, "campaign"),
                Boolean.TRUE.equals(request.parameter(SUPPRESS_DUPLICATE_DETECTION)));
        List<Entity> created = conversion.convert(context, lead, options);
        context.service().execute(new SetStateRequest(lead.toReference(), QUALIFIED, status));
        log.info("Lead qualified lead={} created={}", lead.id(), created.size());
        events.publishEvent(new LeadQualified(lead.id(), idOf(created, "account"), idOf(created, "contact"),
                idOf(created, "opportunity"), context.caller().userId()));
        return new ActionResponse(Map.of(CREATED_ENTITIES, new EntityCollection(null, created, false, created.size(),
                null)));
    }

    private static java.util.UUID idOf(List<Entity> created, String entity) {
        return created.stream().filter(e -> e.logicalName().equals(entity)).map(Entity::id).findFirst().orElse(null);
    }
}
