package io.rapport.service.internal;

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
import io.rapport.query.Filter;
import io.rapport.query.FetchXmlParser;
import io.rapport.query.QueryExpression;
import io.rapport.query.QueryLimits;
import io.rapport.pipeline.OrganizationService;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Checks what an SLA's timing depends on when it is saved, so that a case never meets a broken SLA: an SLA item's
 * applicable-when condition ({@code applicablewhenxml}, FetchXML over {@code incident}, links allowed, e.g. to the
 * customer's account) must be a query the store can run, and a calendar rule's {@code timezonecode} must be one
 * Rapport knows ({@link TimeZoneCodes}).
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "slaitem", stage = Stage.PRE_VALIDATION)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE}, entity = "calendarrule", stage = Stage.PRE_VALIDATION)
class SlaSettingsPlugin implements Plugin {

    private final ServiceReads reads;

    SlaSettingsPlugin(ServiceReads reads) {
        this.reads = reads;
    }

    @Override
    public void execute(PluginContext context) {
        if (context.entityName().equals("calendarrule")) {
            if (context.target().contains("timezonecode") && context.target().get("timezonecode") instanceof Integer code
                    && TimeZoneCodes.zone(code).isEmpty()) {
                throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The time zone code " + code + " is not a "
                        + "Dataverse time zone code; use " + TimeZoneCodes.examples() + ".", "timezonecode");
            }
            return;
        }
        if (context.target().get("applicablewhenxml") instanceof String xml && !xml.isBlank()) {
            QueryExpression condition = condition(xml);
            // run once against no case: the store refuses unknown attributes, operators and links now, not later
            applies(reads.service(context), condition, new UUID(0, 0));
        }
    }

    /** The applicable-when FetchXML as a query over cases; anything else is refused with a 400. */
    static QueryExpression condition(String xml) {
        QueryExpression q = FetchXmlParser.parse(xml, QueryLimits.defaults()).query();
        if (!"incident".equals(q.entityName()) || q.isAggregate()) {
            throw new RapportException(ErrorCode.QUERY_INVALID, "The applicable-when condition of an SLA item must "
                    + "select incident records (it selects " + q.entityName() + ").", "applicablewhenxml");
        }
        return q;
    }

    /** Whether the case meets the condition, read in the database as the system. */
    static boolean applies(OrganizationService system, QueryExpression condition, UUID incident) {
        Filter only = Condition.of("incidentid", ConditionOperator.EQUAL, incident);
        Filter criteria = condition.criteria() == null ? only : Filter.and(condition.criteria(), only);
        return !system.retrieveMultiple(new QueryExpression("incident", ColumnSet.none(), criteria, condition.links(),
                List.of(), 1, null, false, List.of(), List.of(), false)).entities().isEmpty();
    }
}
