package io.rapport.importing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.jobs.JobScheduler;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.query.FetchXmlWriter;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Dataverse's BulkDelete (unbound): a system job (asyncoperation, type Bulk Delete) and its bulkdeleteoperation,
 * whose background job deletes, as the caller, every record the queries of {@code QuerySet} select; answers the
 * job's id ({@code JobId}). Needs prvBulkDelete and Delete on each queried entity. Each query is checked (its
 * entity, columns and operators, by counting what it selects as the caller) before anything is written, so a bad
 * query is a 400 and leaves nothing behind. A start in the future ({@code StartDateTime}) waits until then.
 * Recurring jobs and e-mail notifications are refused, not ignored.
 */
@Component
class BulkDeleteAction implements ActionHandler {

    static final String QUERY_SET = "QuerySet";
    static final String JOB_NAME = "JobName";
    static final String JOB_ID = "JobId";
    static final int BULK_DELETE_OPERATION_TYPE = 13;
    /** The length of bulkdeleteoperation.name and asyncoperation.name. */
    static final int MAX_JOB_NAME_LENGTH = 256;

    private static final ActionDefinition DEFINITION = new ActionDefinition(Messages.BULK_DELETE, null, false,
            List.of(Parameter.required(QUERY_SET, "Collection(QueryExpression)"),
                    Parameter.required(JOB_NAME, "String"),
                    Parameter.required("SendEmailNotification", "Boolean"),
                    Parameter.optional("ToRecipients", "Collection(activityparty)"),
                    Parameter.optional("CCRecipients", "Collection(activityparty)"),
                    Parameter.required("RecurrencePattern", "String"),
                    Parameter.required("StartDateTime", "DateTime"),
                    Parameter.optional("SourceImportId", "Guid"),
                    Parameter.optional("RunNow", "Boolean")),
            List.of(Parameter.required(JOB_ID, "Guid")));

    private final JobScheduler jobs;
    private final BulkDeleteJob job;
    private final CallerProvider callers;

    BulkDeleteAction(@Lazy JobScheduler jobs, BulkDeleteJob job, CallerProvider callers) {
        this.jobs = jobs;
        this.job = job;
        this.callers = callers;
    }

    @Override
    public ActionDefinition definition() {
        return DEFINITION;
    }

    /** The queries: from the Web API as JSON QueryExpressions, from the UI as the pipeline's queries. */
    @SuppressWarnings("unchecked")
    static List<QueryExpression> queries(Object value) {
        if (value instanceof List<?> list && !list.isEmpty() && list.stream().allMatch(QueryExpression.class::isInstance)) {
            return (List<QueryExpression>) list;
        }
        return QuerySetJson.read(value instanceof JsonNode node ? node : null);
    }

    @Override
    public void validate(ActionRequest request, PluginContext context) {
        List<String> problems = new ArrayList<>();
        Object name = request.parameter(JOB_NAME);
        if (!(name instanceof String s) || s.isBlank()) {
            problems.add("JobName must name the job.");
        } else if (s.trim().length() > MAX_JOB_NAME_LENGTH) {
            problems.add("JobName has " + s.trim().length() + " characters; at most " + MAX_JOB_NAME_LENGTH
                    + " are allowed.");
        }
        if (Boolean.TRUE.equals(request.parameter("SendEmailNotification"))) {
            problems.add("SendEmailNotification: Rapport sends no e-mail when a bulk deletion job ends; send false "
                    + "and follow the job's status.");
        }
        for (String recipients : List.of("ToRecipients", "CCRecipients")) {
            if (request.parameter(recipients) instanceof JsonNode r && !r.isEmpty()) {
                problems.add(recipients + " must be empty: no notification is sent.");
            }
        }
        if (request.parameter("RecurrencePattern") instanceof String r && !r.isBlank()) {
            problems.add("RecurrencePattern: recurring bulk deletion is not supported; send an empty pattern.");
        }
        if (!problems.isEmpty()) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, String.join(" ", problems), null,
                    Map.of("problems", problems), null);
        }
        List<QueryExpression> queries = queries(request.parameter(QUERY_SET));
        for (QueryExpression q : queries) {
            context.snapshot().findEntity(q.entityName()).orElseThrow(() -> new RapportException(
                    ErrorCode.INVALID_ARGUMENT, "QuerySet: there is no entity named '"
                    + RapportException.quote(q.entityName()) + "'."));
        }
    }

    @Override
    public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
        List<AccessDemand> demands = new ArrayList<>(List.of(AccessDemand.named(Messages.PRV_BULK_DELETE)));
        Set<String> entities = new LinkedHashSet<>();
        queries(request.parameter(QUERY_SET)).forEach(q -> entities.add(q.entityName()));
        entities.forEach(e -> demands.add(AccessDemand.entity(e, Privilege.DELETE)));
        return demands;
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        List<QueryExpression> queries = queries(request.parameter(QUERY_SET));
        OrganizationService caller = context.service();
        List<String> fetches = new ArrayList<>();
        for (QueryExpression q : queries) {
            // runs the query as the caller: an unknown column or a value of the wrong type is refused here
            caller.count(q);
            fetches.add(FetchXmlWriter.write(q));
        }
        OrganizationService system = caller.as(callers.system());
        String name = ((String) request.parameter(JOB_NAME)).trim();
        EntityReference owner = new EntityReference("systemuser", context.caller().userId());
        UUID jobId = system.create(new Entity("asyncoperation").set("name", name)
                .set("operationtype", BULK_DELETE_OPERATION_TYPE).set("messagename", Messages.BULK_DELETE)
                .set("primaryentitytype", queries.get(0).entityName()).set("statecode", 0).set("statuscode", 0)
                .set("retrycount", 0).set("ownerid", owner));
        UUID operation = system.create(new Entity("bulkdeleteoperation").set("name", name)
                .set("asyncoperationid", new EntityReference("asyncoperation", jobId))
                .set("orderedquerysetxml", BulkDeleteRunner.writeQueries(fetches)).set("statecode", 0)
                .set("statuscode", 0).set("successcount", 0).set("failurecount", 0).set("processingqeindex", 0)
                .set("ownerid", owner));
        Instant at = request.parameter("StartDateTime") instanceof Instant start
                && !Boolean.TRUE.equals(request.parameter("RunNow")) ? start : Instant.now();
        jobs.schedule(job, operation.toString(), operation.toString(), at.isBefore(Instant.now()) ? Instant.now()
                : at);
        return new ActionResponse(Map.of(JOB_ID, jobId));
    }
}
