package io.rapport.importing.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Messages.UpdateRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A bulk deletion canceled between the moment its run read the job and the moment the run marks it In Progress stays
 * canceled and does not start (the start is conditional on the row version the run read); a job changed otherwise in
 * that moment (renamed) starts as usual.
 */
@OnH2
class BulkDeleteStartTest {

    @Autowired
    OrganizationService org;

    @Autowired
    CallerProvider callers;

    @Autowired
    BulkDeleteRunner runner;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aCancelBetweenTheRunsReadAndItsStartIsNotOverwritten() {
        OrganizationService system = org.as(callers.system());
        Entity canceled = submit(system, "Race " + run);
        // the run has read the job (its version); the job is canceled as Dataverse cancels a system job
        EntityReference job = canceled.getReference("asyncoperationid");
        system.update(new Entity("asyncoperation", job.id()).set("statecode", 3).set("statuscode", 32));

        assertThat(runner.start(system, canceled.id(), job, version(canceled))).isFalse();
        Entity operation = system.retrieve("bulkdeleteoperation", canceled.id(),
                ColumnSet.of("statecode", "statuscode", "startedon"));
        assertThat(operation.getInteger("statecode")).isEqualTo(3);
        assertThat(operation.getInteger("statuscode")).isEqualTo(32);
        assertThat(operation.get("startedon")).isNull();
        Entity systemJob = system.retrieve("asyncoperation", job.id(), ColumnSet.of("statecode", "statuscode"));
        assertThat(systemJob.getInteger("statecode")).isEqualTo(3);
        assertThat(systemJob.getInteger("statuscode")).isEqualTo(32);

        Entity renamed = submit(system, "Rename " + run);
        // renamed on condition of the version the run read: the versions compare equal (else this would be refused)
        system.execute(new UpdateRequest(new Entity("bulkdeleteoperation", renamed.id()).set("name", "Renamed " + run),
                version(renamed)));
        assertThat(runner.start(system, renamed.id(), renamed.getReference("asyncoperationid"), version(renamed)))
                .isTrue();
        Entity started = system.retrieve("bulkdeleteoperation", renamed.id(), ColumnSet.of("statecode", "statuscode",
                "name"));
        assertThat(started.getInteger("statecode")).isEqualTo(2);
        assertThat(started.getInteger("statuscode")).isEqualTo(20);
        assertThat(started.getString("name")).isEqualTo("Renamed " + run);
        // not left running
        system.update(new Entity("asyncoperation", renamed.getReference("asyncoperationid").id())
                .set("statecode", 3).set("statuscode", 32));
    }

    /** A job waiting until tomorrow, as its run reads it (with its row version). */
    private static Entity submit(OrganizationService system, String name) {
        system.execute(new ActionRequest("BulkDelete", Map.of("QuerySet", List.of(QueryExpression.from("account")
                .where(Condition.eq("name", "none " + name)).build()), "JobName", name, "SendEmailNotification",
                false, "RecurrencePattern", "", "StartDateTime", Instant.now().plus(1, ChronoUnit.DAYS))));
        List<Entity> found = system.retrieveMultiple(QueryExpression.from("bulkdeleteoperation")
                .select("asyncoperationid", "statecode", "versionnumber").where(Condition.eq("name", name)).build())
                .entities();
        assertThat(found).hasSize(1);
        assertThat(found.get(0).getInteger("statecode")).as("waiting").isEqualTo(0);
        return found.get(0);
    }

    private static Long version(Entity operation) {
        return ((Number) operation.get("versionnumber")).longValue();
    }
}
