package io.rapport.service.internal;

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
import io.rapport.pipeline.StateReasons;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.service.ServiceMessages;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Dataverse's CloseIncident (unbound): resolves an active case with an {@code incidentresolution} activity (subject,
 * time spent), then moves the case to Resolved with the given status reason. A case with active child cases, or one
 * already resolved or canceled, is refused; a contract line the case names is charged (one case, or the minutes
 * spent) in the same transaction.
 */
@Component
class CloseIncidentAction implements ActionHandler {

    private static final ActionDefinition DEFINITION = new ActionDefinition(ServiceMessages.CLOSE_INCIDENT, null,
            false, List.of(Parameter.entity(ServiceMessages.INCIDENT_RESOLUTION, "Entity", "incidentresolution", false),
            Parameter.required(ServiceMessages.STATUS, "Int32")), List.of());

    private final Clock clock;
    private final ServiceReads reads;
    private final List<CaseResolutionStep> steps;

    CloseIncidentAction(Clock clock, ServiceReads reads, List<CaseResolutionStep> steps) {
        this.clock = clock;
        this.reads = reads;
        this.steps = steps;
    }

    @Override
    public ActionDefinition definition() {
        return DEFINITION;
    }

    private static Entity input(ActionRequest request) {
        if (!(request.parameter(ServiceMessages.INCIDENT_RESOLUTION) instanceof Entity input)
                || !"incidentresolution".equals(input.logicalName())) {
            throw RapportException.invalid("The parameter IncidentResolution must be an incidentresolution record.");
        }
        if (!(input.get("incidentid") instanceof EntityReference ref) || ref.id() == null) {
            throw new RapportException(ErrorCode.REQUIRED_ATTRIBUTE_MISSING,
                    "The case resolution needs the case (incidentid).", "incidentid");
        }
        if (input.get("timespent") != null && !(input.get("timespent") instanceof Integer minutes && minutes >= 0)) {
            throw new RapportException(ErrorCode.VALUE_OUT_OF_RANGE,
                    "The time spent (timespent) must be a whole number of minutes, 0 or more.", "timespent");
        }
        return input;
    }

    @Override
    public void validate(ActionRequest request, PluginContext context) {
        input(request);
        if (request.parameter(ServiceMessages.STATUS) == null) {
            throw RapportException.invalid("The parameter Status is required.");
        }
    }

    /** Resolving writes the case and creates its resolution. */
    @Override
    public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
        EntityReference ref = (EntityReference) input(request).get("incidentid");
        return List.of(AccessDemand.reference(new EntityReference("incident", ref.id()), Privilege.WRITE),
                AccessDemand.entity("incidentresolution", Privilege.CREATE));
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        Entity input = input(request);
        EntityReference ref = (EntityReference) input.get("incidentid");
        Entity incident = context.service().retrieve("incident", ref.id(), ColumnSet.of("title", "statecode",
                "ticketnumber"));
        int state = incident.getInteger("statecode");
        if (state != ServiceMessages.CASE_ACTIVE) {
            throw new RapportException(ErrorCode.INVALID_STATE_TRANSITION, "The case '" + incident.getString("title")
                    + "' is already " + StateReasons.label(context, "incident", state) + "; reactivate it before resolving it.",
                    "statecode");
        }
        int status = StateReasons.requireStatus(context, "incident", ServiceMessages.CASE_RESOLVED,
                request.parameter(ServiceMessages.STATUS), ServiceMessages.STATUS);
        List<Entity> children = reads.service(context).retrieveMultiple(QueryExpression.from("incident")
                .select("title").where(Condition.eq("parentcaseid", incident.id()))
                .where(Condition.eq("statecode", ServiceMessages.CASE_ACTIVE)).top(5).build()).entities();
        if (!children.isEmpty()) {
            throw new RapportException(ErrorCode.BUSINESS_RULE, "The case '" + incident.getString("title")
                    + "' has active child cases (" + String.join(", ", children.stream()
                    .map(c -> "'" + c.getString("title") + "'").toList()) + "); resolve or cancel them first.",
                    "parentcaseid");
        }
        Entity resolution = input.copy();
        resolution.set("incidentid", new EntityReference("incident", incident.id()));
        resolution.set("regardingobjectid", new EntityReference("incident", incident.id()));
        if (resolution.get("subject") == null) {
            resolution.set("subject", "Case resolved: " + incident.getString("title"));
        }
        if (resolution.get("actualend") == null) {
            resolution.set("actualend", Instant.now(clock));
        }
        int minutes = resolution.get("timespent") instanceof Integer m ? m : 0;
        resolution.set("timespent", minutes);
        resolution.set("statecode", 1);
        resolution.set("statuscode", 2);
        context.service().create(resolution);
        for (CaseResolutionStep step : steps) {
            step.resolving(context, incident.id(), minutes);
        }
        context.service().execute(new SetStateRequest(incident.toReference(), ServiceMessages.CASE_RESOLVED, status));
        return new ActionResponse(Map.of());
    }
}
