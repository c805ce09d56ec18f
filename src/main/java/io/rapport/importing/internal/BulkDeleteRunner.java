package io.rapport.importing.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.MetadataService;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.Messages.CreateMultipleRequest;
import io.rapport.pipeline.Messages.UpdateRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.FetchXmlParser;
import io.rapport.query.Filter;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.query.QueryLimits;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs a bulk deletion: for each query in turn, reads what it selects as the user who submitted the job (so nothing
 * they may not read is touched), a page of ids at a time in primary-key order, and per page (one transaction)
 * deletes each record through the pipeline's Delete as that user (plugins, cascades, audit), each in a savepoint so
 * that a record that cannot be deleted (no Delete access, a restricting relationship, a plugin's refusal) is logged
 * in bulkdeletefailure with the reason while the others go; the counts and the query in progress are stored with
 * the page. A record already gone (deleted by a cascade of an earlier one) is neither counted nor a failure. A job
 * whose node died runs again on another node and goes on with the query it was on. A job canceled (its system job
 * set to Canceled, {@link BulkDeleteCancelPlugin}) does not start, or stops before its next page. When a run of a
 * recurring job ends, the next run is created in the same transaction, waiting for its time.
 */
@Component
class BulkDeleteRunner {

    static final int PAGE = 500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(BulkDeleteRunner.class);

    private final OrganizationService organization;
    private final CallerProvider callers;
    private final MetadataService metadata;
    private final TransactionTemplate pageTx;
    private final TransactionTemplate rowTx;
    private final BulkDeleteAction action;
    private final BulkDeleteNotice notice;

    BulkDeleteRunner(OrganizationService organization, CallerProvider callers, MetadataService metadata,
            PlatformTransactionManager transactions, BulkDeleteAction action, BulkDeleteNotice notice) {
        this.action = action;
        this.notice = notice;
        this.organization = organization;
        this.callers = callers;
        this.metadata = metadata;
        this.pageTx = new TransactionTemplate(transactions);
        this.rowTx = new TransactionTemplate(transactions);
        this.rowTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    static String writeQueries(List<String> fetches) {
        try {
            return JSON.writeValueAsString(fetches);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> readQueries(String stored) {
        try {
            return Arrays.asList(JSON.readValue(stored, String[].class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable queries of a bulk deletion job", e);
        }
    }

    private static final class Counts {
        int deleted;
        int failed;
        boolean canceled;
    }

    /** The job's bulkdeleteoperation, or null when it was deleted (with its system job) before it ran. */
    private static Entity operation(OrganizationService system, UUID id, String... columns) {
        try {
            return system.retrieve("bulkdeleteoperation", id, ColumnSet.of(columns));
        } catch (RapportException e) {
            if (e.code() == ErrorCode.OBJECT_DOES_NOT_EXIST) {
                return null;
            }
            throw e;
        }
    }

    void run(UUID id) {
        OrganizationService system = organization.as(callers.system());
        Entity operation = operation(system, id, "statecode", "ownerid", "orderedquerysetxml", "asyncoperationid",
                "successcount", "failurecount", "processingqeindex", "versionnumber");
        if (operation == null || operation.getInteger("statecode") == 3) {
            return;
        }
        EntityReference owner = operation.getReference("ownerid");
        EntityReference job = operation.getReference("asyncoperationid");
        OrganizationService caller = organization.as(callers.forUser(owner.id(), Channel.SYSTEM));
        Counts counts = new Counts();
        counts.deleted = value(operation.getInteger("successcount"));
        counts.failed = value(operation.getInteger("failurecount"));
        if (!start(system, id, job, operation.get("versionnumber") instanceof Number v ? v.longValue() : null)) {
            return;
        }
        List<String> queries = readQueries(operation.getString("orderedquerysetxml"));
        try {
            for (int q = value(operation.getInteger("processingqeindex")); q < queries.size() && !counts.canceled;
                    q++) {
                deleteAll(system, caller, id, owner, q, FetchXmlParser.parse(queries.get(q), QueryLimits.defaults())
                        .query(), counts);
            }
            finish(system, id, job, counts, counts.canceled ? 32 : 30, null);
        } catch (RapportException e) {
            log.warn("bulk deletion failed bulkdeleteoperation={} code={}", id, e.code(), e);
            finish(system, id, job, counts, 31, e.getMessage());
        }
    }

    /**
     * Marks the run In Progress, on condition that its bulkdeleteoperation is still at {@code version} (as read before
     * the run): a cancel that lands between that read and this update changes the version, and is then not overwritten
     * with In Progress (the run would have gone on deleting: it stops only when it sees Canceled). On a changed version
     * the state is read again: ended (canceled, or deleted with its system job) means the run does not start; another
     * change (a rename) starts it as usual. Answers whether the run started.
     */
    boolean start(OrganizationService system, UUID id, EntityReference job, Long version) {
        Instant now = Instant.now();
        Entity started = new Entity("bulkdeleteoperation", id).set("statecode", 2).set("statuscode", 20)
                .set("startedon", now);
        try {
            system.execute(new UpdateRequest(started, version));
        } catch (RapportException e) {
            if (e.code() != ErrorCode.CONCURRENCY_VERSION_MISMATCH) {
                throw e;
            }
            Entity current = operation(system, id, "statecode");
            if (current == null || current.getInteger("statecode") == 3) {
                log.info("bulk deletion canceled before it started bulkdeleteoperation={}", id);
                return false;
            }
            system.update(started);
        }
        system.update(new Entity("asyncoperation", job.id()).set("statecode", 2).set("statuscode", 20)
                .set("startedon", now));
        return true;
    }

    /** Ends a job an unexpected error stopped: Failed, with the counts of the pages it committed. */
    void failed(UUID id, String error) {
        OrganizationService system = organization.as(callers.system());
        Entity operation = operation(system, id, "statecode", "asyncoperationid", "successcount", "failurecount");
        if (operation == null || operation.getInteger("statecode") == 3) {
            return;
        }
        Counts counts = new Counts();
        counts.deleted = value(operation.getInteger("successcount"));
        counts.failed = value(operation.getInteger("failurecount"));
        finish(system, id, operation.getReference("asyncoperationid"), counts, 31, error);
    }

    private void deleteAll(OrganizationService system, OrganizationService caller, UUID id, EntityReference owner,
            int index, QueryExpression query, Counts counts) {
        String entity = query.entityName();
        String idAttribute = metadata.snapshot().entity(entity).primaryIdAttribute();
        UUID last = null;
        while (true) {
            if (canceled(system, id)) {
                counts.canceled = true;
                return;
            }
            Filter criteria = query.criteria();
            if (last != null) {
                Condition after = Condition.of(idAttribute, ConditionOperator.GREATER_THAN, last);
                criteria = criteria == null ? after : Filter.and(criteria, after);
            }
            List<Entity> rows = caller.retrieveMultiple(QueryExpression.from(entity).columns(ColumnSet.none())
                    .where(criteria).orderBy(new Order(null, idAttribute, false)).top(PAGE).build()).entities();
            if (rows.isEmpty()) {
                return;
            }
            pageTx.executeWithoutResult(s -> page(system, caller, id, owner, index, entity, rows, counts));
            if (rows.size() < PAGE) {
                return;
            }
            last = rows.get(rows.size() - 1).id();
        }
    }

    /** One page in one transaction: its deletions, its failures and the counts, all or nothing. */
    private void page(OrganizationService system, OrganizationService caller, UUID id, EntityReference owner,
            int index, String entity, List<Entity> rows, Counts counts) {
        List<Entity> failures = new ArrayList<>();
        int deleted = 0;
        for (Entity row : rows) {
            try {
                rowTx.executeWithoutResult(s -> caller.delete(entity, row.id()));
                deleted++;
            } catch (RapportException e) {
                if (e.code() != ErrorCode.OBJECT_DOES_NOT_EXIST) {
                    failures.add(failure(id, owner, index, entity, row.id(), e));
                }
            }
        }
        if (!failures.isEmpty()) {
            system.execute(new CreateMultipleRequest(failures));
        }
        counts.deleted += deleted;
        counts.failed += failures.size();
        system.update(new Entity("bulkdeleteoperation", id).set("successcount", counts.deleted)
                .set("failurecount", counts.failed).set("processingqeindex", index));
    }

    private static Entity failure(UUID id, EntityReference owner, int index, String entity, UUID record,
            RapportException e) {
        String reason = String.valueOf(e.getMessage());
        return new Entity("bulkdeletefailure").set("bulkdeleteoperationid",
                        new EntityReference("bulkdeleteoperation", id))
                .set("name", shorten(entity + " " + record + ": " + reason, 400))
                .set("regardingobjectid", record).set("regardingobjecttypecode", entity).set("orderedqueryindex", index)
                .set("errordescription", reason.length() > 2000 ? reason.substring(0, 2000) : reason)
                .set("errornumber", e.code().value()).set("ownerid", owner);
    }

    /** Whether the job was canceled while it ran (its bulkdeleteoperation set to Canceled). */
    private static boolean canceled(OrganizationService system, UUID id) {
        Entity now = operation(system, id, "statuscode");
        return now == null || now.getInteger("statuscode") == 32;
    }

    /**
     * Ends a run (Succeeded, Failed or Canceled) and, for a recurring job not canceled, creates and schedules its next
     * run in the same transaction ({@code nextrun} of this one names its time).
     */
    private void finish(OrganizationService system, UUID id, EntityReference job, Counts counts, int status,
            String error) {
        pageTx.executeWithoutResult(s -> {
            Instant now = Instant.now();
            Entity ended = new Entity("bulkdeleteoperation", id).set("successcount", counts.deleted)
                    .set("failurecount", counts.failed).set("statecode", 3).set("statuscode", status)
                    .set("completedon", now);
            Entity done = new Entity("asyncoperation", job.id()).set("statecode", 3).set("statuscode", status)
                    .set("completedon", now);
            if (error != null) {
                done.set("message", error.length() > 10000 ? error.substring(0, 10000) : error);
            }
            Entity operation = system.retrieve("bulkdeleteoperation", id, ColumnSet.of("name", "orderedquerysetxml",
                    "ownerid", "notificationrecipients"));
            Instant nextRun = status == 32 ? null : next(system, operation, job, now).orElse(null);
            ended.set("nextrun", nextRun);
            system.update(ended);
            system.update(done);
            notify(operation, status, counts, error, nextRun);
        });
    }

    /**
     * The e-mail notice of a job submitted with SendEmailNotification, in a savepoint: a notice that cannot be made
     * (the owner lost the right to write e-mail) is logged and does not undo the run's end.
     */
    private void notify(Entity operation, int status, Counts counts, String error, Instant nextRun) {
        if (operation.getString("notificationrecipients") == null) {
            return;
        }
        UUID owner = operation.getReference("ownerid").id();
        try {
            rowTx.executeWithoutResult(t -> notice.send(organization.as(callers.forUser(owner, Channel.SYSTEM)),
                    owner, operation, status, counts.deleted, counts.failed, error, nextRun));
        } catch (RuntimeException e) {
            log.warn("bulk deletion bulkdeleteoperation={}: its e-mail notice could not be made", operation.id(), e);
        }
    }

    /** Plans the next run of a recurring job: a new system job and bulkdeleteoperation, Waiting until its time. */
    private Optional<Instant> next(OrganizationService system, Entity operation, EntityReference job, Instant now) {
        Entity planned = system.retrieve("asyncoperation", job.id(), ColumnSet.of("name", "primaryentitytype",
                "ownerid", "recurrencepattern", "recurrencestarttime", "postponeuntil"));
        Optional<BulkDeleteRecurrence> recurrence = BulkDeleteRecurrence.parse(planned.getString("recurrencepattern"),
                new ArrayList<>());
        if (recurrence.isEmpty()) {
            return Optional.empty();
        }
        Instant from = planned.getInstant("postponeuntil") != null ? planned.getInstant("postponeuntil") : now;
        Instant at = recurrence.get().next(from, now);
        action.schedule(system, new Entity("asyncoperation").set("name", planned.getString("name"))
                .set("primaryentitytype", planned.getString("primaryentitytype"))
                .set("ownerid", planned.getReference("ownerid"))
                .set("recurrencepattern", recurrence.get().pattern())
                .set("recurrencestarttime", planned.getInstant("recurrencestarttime")), new Entity("bulkdeleteoperation")
                .set("name", operation.getString("name"))
                .set("orderedquerysetxml", operation.getString("orderedquerysetxml")).set("isrecurring", true)
                .set("notificationrecipients", operation.getString("notificationrecipients"))
                .set("ownerid", operation.getReference("ownerid")), at, true);
        log.info("bulk deletion bulkdeleteoperation={} recurs: next run at {}", operation.id(), at);
        return Optional.of(at);
    }

    private static String shorten(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }

    private static int value(Integer i) {
        return i == null ? 0 : i;
    }
}
