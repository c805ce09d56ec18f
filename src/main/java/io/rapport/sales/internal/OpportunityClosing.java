package io.rapport.sales.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.sales.SalesMessages;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Closes an open opportunity as won or lost: sets its actual revenue and close date, records an
 * {@code opportunityclose} activity (revenue, date, description, competitor), then moves it to the state with
 * the given status reason. Closing a closed opportunity fails; reopening is SetState back to Open.
 */
@Component
class OpportunityClosing {

    static final int WON = 1;
    static final int LOST = 2;

    private final Clock clock;

    OpportunityClosing(Clock clock) {
        this.clock = clock;
    }

    static ActionDefinition definition(String name) {
        return new ActionDefinition(name, null, false, List.of(
                Parameter.entity(SalesMessages.OPPORTUNITY_CLOSE, "Entity", "opportunityclose", false),
                Parameter.required(SalesMessages.STATUS, "Int32")), List.of());
    }

    void close(ActionRequest request, PluginContext context, int state) {
        if (!(request.parameter(SalesMessages.OPPORTUNITY_CLOSE) instanceof Entity input)
                || !"opportunityclose".equals(input.logicalName())) {
            throw RapportException.invalid("The parameter OpportunityClose must be an opportunityclose record.");
        }
        if (!(input.get("opportunityid") instanceof EntityReference opportunityRef)) {
            throw new RapportException(ErrorCode.REQUIRED_ATTRIBUTE_MISSING,
                    "The opportunity close needs the opportunity (opportunityid).", "opportunityid");
        }
        OrganizationService service = context.service();
        Entity opportunity = service.retrieve("opportunity", opportunityRef.id(),
                ColumnSet.of("name", "statecode", "estimatedvalue"));
        int current = opportunity.getInteger("statecode");
        if (current != 0) {
            throw new RapportException(ErrorCode.INVALID_STATE_TRANSITION, "The opportunity '"
                    + opportunity.getString("name") + "' is already closed (" + States.label(context, "opportunity",
                    current) + "); reopen it before closing it again.", "statecode");
        }
        int status = States.requireStatus(context, "opportunity", state, request.parameter(SalesMessages.STATUS),
                SalesMessages.STATUS);
        BigDecimal revenue = input.get("actualrevenue") != null ? new BigDecimal(input.get("actualrevenue").toString())
                : state == WON && opportunity.getDecimal("estimatedvalue") != null
                        ? opportunity.getDecimal("estimatedvalue") : BigDecimal.ZERO;
        Instant end = input.get("actualend") instanceof Instant i ? i : Instant.now(clock);
        service.update(new Entity("opportunity", opportunity.id()).set("actualvalue", revenue)
                .set("actualclosedate", LocalDate.ofInstant(end, ZoneOffset.UTC)));
        Entity close = input.copy();
        close.set("opportunityid", new EntityReference("opportunity", opportunity.id()));
        close.set("regardingobjectid", new EntityReference("opportunity", opportunity.id()));
        close.set("actualrevenue", revenue);
        close.set("actualend", end);
        if (close.get("subject") == null) {
            close.set("subject", (state == WON ? "Opportunity Won: " : "Opportunity Lost: ")
                    + opportunity.getString("name"));
        }
        close.set("statecode", 1);
        close.set("statuscode", 2);
        service.create(close);
        service.execute(new SetStateRequest(opportunity.toReference(), state, status));
    }
}
