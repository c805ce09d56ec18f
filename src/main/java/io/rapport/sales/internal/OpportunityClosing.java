package io.rapport.sales.internal;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.pipeline.StateReasons;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.sales.OpportunityLost;
import io.rapport.sales.OpportunityWon;
import io.rapport.sales.SalesMessages;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Closes an open opportunity as won or lost: sets its actual revenue and close date, records an
 * {@code opportunityclose} activity (revenue, date, description, competitor), then moves it to the state with
 * the given status reason. Closing a closed opportunity fails; reopening is SetState back to Open. Publishes
 * {@link OpportunityWon} or {@link OpportunityLost}, delivered to transactional listeners after the commit.
 */
@Component
class OpportunityClosing {

    static final int WON = 1;
    static final int LOST = 2;

    private final Clock clock;
    private final SystemSubjects subjects;
    private final ApplicationEventPublisher events;

    OpportunityClosing(Clock clock, ApplicationEventPublisher events, SystemSubjects subjects) {
        this.subjects = subjects;
        this.clock = clock;
        this.events = events;
    }

    static ActionDefinition definition(String name) {
        return new ActionDefinition(name, null, false, List.of(
                Parameter.entity(SalesMessages.OPPORTUNITY_CLOSE, "Entity", "opportunityclose", false),
                Parameter.required(SalesMessages.STATUS, "Int32")), List.of());
    }

    /** The opportunity close record given; a clear 400 when it is missing or names no opportunity. */
    static Entity input(ActionRequest request) {
        if (!(request.parameter(SalesMessages.OPPORTUNITY_CLOSE) instanceof Entity input)
                || !"opportunityclose".equals(input.logicalName())) {
            throw RapportException.invalid("The parameter OpportunityClose must be an opportunityclose record.");
        }
        if (!(input.get("opportunityid") instanceof EntityReference ref) || ref.id() == null) {
            throw new RapportException(ErrorCode.REQUIRED_ATTRIBUTE_MISSING,
                    "The opportunity close needs the opportunity (opportunityid).", "opportunityid");
        }
        return input;
    }

    /** Closing an opportunity writes it: the caller needs Write on it. */
    static List<AccessDemand> privileges(ActionRequest request) {
        EntityReference ref = (EntityReference) input(request).get("opportunityid");
        return List.of(AccessDemand.reference(new EntityReference("opportunity", ref.id()), Privilege.WRITE));
    }

    void close(ActionRequest request, PluginContext context, int state) {
        Entity input = input(request);
        EntityReference opportunityRef = (EntityReference) input.get("opportunityid");
        OrganizationService service = context.service();
        Entity opportunity = service.retrieve("opportunity", opportunityRef.id(),
                ColumnSet.of("name", "statecode", "estimatedvalue"));
        int current = opportunity.getInteger("statecode");
        if (current != 0) {
            throw new RapportException(ErrorCode.INVALID_STATE_TRANSITION, "The opportunity '"
                    + opportunity.getString("name") + "' is already closed (" + StateReasons.label(context, "opportunity",
                    current) + "); reopen it before closing it again.", "statecode");
        }
        int status = StateReasons.requireStatus(context, "opportunity", state, request.parameter(SalesMessages.STATUS),
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
            close.set("subject", subjects.of(context, state == WON ? "subject.opportunityWon"
                    : "subject.opportunityLost", opportunity.getString("name")));
        }
        close.set("statecode", 1);
        close.set("statuscode", 2);
        service.create(close);
        service.execute(new SetStateRequest(opportunity.toReference(), state, status));
        LocalDate closeDate = LocalDate.ofInstant(end, ZoneOffset.UTC);
        events.publishEvent(state == WON
                ? new OpportunityWon(opportunity.id(), revenue, closeDate, status, context.caller().userId())
                : new OpportunityLost(opportunity.id(), revenue, closeDate, status, context.caller().userId()));
    }
}
