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
 * query is a 400 and leaves nothing behind. A start in the future ({@code StartDateTime}) waits until then. A
 * {@code RecurrencePattern} of {@code FREQ=DAILY;INTERVAL=n;} makes the job recurring ({@link BulkDeleteRecurrence}):
 * when a run ends, the next one is created, waiting for its time n days later. With {@code SendEmailNotification}
 * the users of {@code ToRecipients} and {@code CCRecipients} (each with an e-mail address) get an e-mail from the
 * caller when each run ends ({@link BulkDeleteNotice}).
 */
@Component
class BulkDeleteAction implements ActionHandler {

    static final String QUERY_SET = "QuerySet";
    static final String JOB_NAME = "JobName";
    static final String JOB_ID = "JobId";
    static final String RECURRENCE_PATTERN = "RecurrencePattern";
    static final String SEND_EMAIL_NOTIFICATION = "SendEmailNotification";
    static final String TO_RECIPIENTS = "ToRecipients";
    static final String CC_RECIPIENTS = "CCRecipients";
    static final int BULK_DELETE_OPERATION_TYPE = 13;
    /** The length of bulkdeleteoperation.name and asyncoperation.name. */
    static final int MAX_JOB_NAME_LENGTH = 256;

    private static final ActionDefinition DEFINITION = new ActionDefinition(Messages.BULK_DELETE, null, false,
            List.of(Parameter.required(QUERY_SET, "Collection(QueryExpression)"),
                    Parameter.required(JOB_NAME, "String"),
                    Parameter.required(SEND_EMAIL_NOTIFICATION, "Boolean"),
                    Parameter.optional(TO_RECIPIENTS, "Collection(activityparty)"),
                    Parameter.optional(CC_RECIPIENTS, "Collection(activityparty)"),
                    Parameter.required(RECURRENCE_PATTERN, "String"),
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

    private static boolean notifies(ActionRequest request) {
        return Boolean.TRUE.equals(request.parameter(SEND_EMAIL_NOTIFICATION));
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
        List<UUID> to = BulkDeleteNotice.recipients(request.parameter(TO_RECIPIENTS), TO_RECIPIENTS, problems);
        BulkDeleteNotice.recipients(request.parameter(CC_RECIPIENTS), CC_RECIPIENTS, problems);
        if (notifies(request) && to.isEmpty() && problems.isEmpty()) {
            problems.add("ToRecipients must name at least one user when SendEmailNotification is true.");
        }
        BulkDeleteRecurrence.parse(request.parameter(RECURRENCE_PATTERN), problems);
        RapportException.throwIfAny(ErrorCode.INVALID_ARGUMENT, problems);
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
        if (notifies(request)) {
            // the notice is an e-mail the caller sends (Dataverse asks for its e-mail template privileges)
            demands.add(AccessDemand.entity("email", Privilege.CREATE));
        }
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
        String recipients = null;
        if (notifies(request)) {
            List<String> problems = new ArrayList<>();
            List<UUID> to = BulkDeleteNotice.recipients(request.parameter(TO_RECIPIENTS), TO_RECIPIENTS, problems);
            List<UUID> cc = BulkDeleteNotice.recipients(request.parameter(CC_RECIPIENTS), CC_RECIPIENTS, problems);
            BulkDeleteNotice.checkUsers(system, to, TO_RECIPIENTS, problems);
            BulkDeleteNotice.checkUsers(system, cc, CC_RECIPIENTS, problems);
            RapportException.throwIfAny(ErrorCode.INVALID_ARGUMENT, problems);
            recipients = BulkDeleteNotice.write(to, cc);
        }
        String name = ((String) request.parameter(JOB_NAME)).trim();
        EntityReference owner = new EntityReference("systemuser", context.caller().userId());
        Instant now = Instant.now();
        Instant asked = request.parameter("StartDateTime") instanceof Instant start
                && !Boolean.TRUE.equals(request.parameter("RunNow")) ? start : now;
        Instant at = asked.isBefore(now) ? now : asked;
        BulkDeleteRecurrence recurrence = BulkDeleteRecurrence.parse(request.parameter(RECURRENCE_PATTERN),
                new ArrayList<>()).orElse(null);
        UUID jobId = schedule(system, new Entity("asyncoperation").set("name", name)
                .set("primaryentitytype", queries.get(0).entityName()).set("ownerid", owner)
                .set("recurrencepattern", recurrence == null ? null : recurrence.pattern())
                .set("recurrencestarttime", recurrence == null ? null : at), new Entity("bulkdeleteoperation")
                .set("name", name).set("orderedquerysetxml", BulkDeleteRunner.writeQueries(fetches))
                .set("isrecurring", recurrence != null).set("notificationrecipients", recipients)
                .set("ownerid", owner), at, false);
        return new ActionResponse(Map.of(JOB_ID, jobId));
    }

    /**
     * Creates a bulk deletion's system job and its bulkdeleteoperation from the columns given (name, owner, queries,
     * recurrence) and schedules its run at {@code at}: Ready, or Waiting when it is the next run of a recurring job.
     * Answers the system job's id. Called in the transaction of the message, or of the run that planned the next one.
     */
    UUID schedule(OrganizationService system, Entity asyncOperation, Entity operation, Instant at, boolean waiting) {
        int state = waiting ? 1 : 0;
        int status = waiting ? 10 : 0;
        UUID jobId = system.create(asyncOperation.set("operationtype", BULK_DELETE_OPERATION_TYPE)
                .set("messagename", Messages.BULK_DELETE).set("statecode", state).set("statuscode", status)
                .set("retrycount", 0).set("postponeuntil", at));
        UUID id = system.create(operation.set("asyncoperationid", new EntityReference("asyncoperation", jobId))
                .set("statecode", state).set("statuscode", status).set("successcount", 0).set("failurecount", 0)
                .set("processingqeindex", 0));
        jobs.schedule(job, id.toString(), id.toString(), at);
        return jobId;
    }
}
