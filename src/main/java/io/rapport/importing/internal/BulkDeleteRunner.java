package io.rapport.importing.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.MetadataService;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.Messages.CreateMultipleRequest;
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
 * whose node died runs again on another node and goes on with the query it was on.
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

    BulkDeleteRunner(OrganizationService organization, CallerProvider callers, MetadataService metadata,
            PlatformTransactionManager transactions) {
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
    }

    void run(UUID id) {
        OrganizationService system = organization.as(callers.system());
        Entity operation = system.retrieve("bulkdeleteoperation", id, ColumnSet.of("statecode", "ownerid",
                "orderedquerysetxml", "asyncoperationid", "successcount", "failurecount", "processingqeindex"));
        if (operation.getInteger("statecode") == 3) {
            return;
        }
        EntityReference owner = operation.getReference("ownerid");
        EntityReference job = operation.getReference("asyncoperationid");
        OrganizationService caller = organization.as(callers.forUser(owner.id(), Channel.SYSTEM));
        Counts counts = new Counts();
        counts.deleted = value(operation.getInteger("successcount"));
        counts.failed = value(operation.getInteger("failurecount"));
        Instant now = Instant.now();
        system.update(new Entity("bulkdeleteoperation", id).set("statecode", 2).set("statuscode", 20)
                .set("startedon", now));
        system.update(new Entity("asyncoperation", job.id()).set("statecode", 2).set("statuscode", 20)
                .set("startedon", now));
        List<String> queries = readQueries(operation.getString("orderedquerysetxml"));
        try {
            for (int q = value(operation.getInteger("processingqeindex")); q < queries.size(); q++) {
                deleteAll(system, caller, id, owner, q, FetchXmlParser.parse(queries.get(q), QueryLimits.defaults())
                        .query(), counts);
            }
            finish(system, id, job, counts, 30, null);
        } catch (RapportException e) {
            log.warn("bulk deletion failed bulkdeleteoperation={} code={}", id, e.code(), e);
            finish(system, id, job, counts, 31, e.getMessage());
        }
    }

    /** Ends a job an unexpected error stopped: Failed, with the counts of the pages it committed. */
    void failed(UUID id, String error) {
        OrganizationService system = organization.as(callers.system());
        Entity operation = system.retrieve("bulkdeleteoperation", id, ColumnSet.of("statecode", "asyncoperationid",
                "successcount", "failurecount"));
        if (operation.getInteger("statecode") == 3) {
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

    private static void finish(OrganizationService system, UUID id, EntityReference job, Counts counts, int status,
            String error) {
        Instant now = Instant.now();
        system.update(new Entity("bulkdeleteoperation", id).set("successcount", counts.deleted)
                .set("failurecount", counts.failed).set("statecode", 3).set("statuscode", status)
                .set("completedon", now));
        Entity done = new Entity("asyncoperation", job.id()).set("statecode", 3).set("statuscode", status)
                .set("completedon", now);
        if (error != null) {
            done.set("message", error.length() > 10000 ? error.substring(0, 10000) : error);
        }
        system.update(done);
    }

    private static String shorten(String text, int max) {
        return text.length() > max ? text.substring(0, max) : text;
    }

    private static int value(Integer i) {
        return i == null ? 0 : i;
    }
}
