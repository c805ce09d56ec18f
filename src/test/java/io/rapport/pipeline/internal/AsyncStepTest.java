package io.rapport.pipeline.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rapport.error.ErrorCode;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.TestUsers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * An asynchronous post-operation step runs after its message commits, on the job queue, as the message's caller; a
 * failed attempt is rolled back and retried with backoff; the outcome is an {@code asyncoperation} its owner (and no
 * other salesperson) can read.
 */
abstract class AsyncStepTest {

    @OnH2
    @Import(AsyncProbes.class)
    @TestPropertySource(properties = {"rapport.jobs.polling-interval=200ms",
            "rapport.pipeline.async-steps.max-attempts=3", "rapport.pipeline.async-steps.first-delay=300ms",
            "rapport.pipeline.async-steps.multiplier=1"})
    static class H2 extends AsyncStepTest {
    }

    @OnPostgres
    @Import(AsyncProbes.class)
    @TestPropertySource(properties = {"rapport.jobs.polling-interval=200ms",
            "rapport.pipeline.async-steps.max-attempts=3", "rapport.pipeline.async-steps.first-delay=300ms",
            "rapport.pipeline.async-steps.multiplier=1"})
    static class Postgres extends AsyncStepTest {
    }

    @Autowired
    OrganizationService org;

    @Autowired
    CallerProvider callers;

    @Autowired
    AsyncProbes.Runs runs;

    private static final String PASSWORD = "Async-step-password-1";

    @LocalServerPort
    int port;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private UUID seller;
    private UUID otherSeller;

    @BeforeEach
    void salespeople() {
        seller = salesperson("seller");
        otherSeller = salesperson("other");
    }

    @Test
    void aStepRunsAfterCommitIsRetriedAndSucceedsVisiblyToItsOwner() throws InterruptedException {
        OrganizationService asSeller = org.as(callers.forUser(seller, Channel.API));
        UUID lead = asSeller.create(lead("async-fail-2 " + run));

        Entity job = awaitCompleted(lead);
        assertThat(job.get("statuscode")).isEqualTo(30);
        assertThat(job.get("retrycount")).isEqualTo(2);
        assertThat(job.getString("messagename")).isEqualTo("Create");
        assertThat(job.getString("primaryentitytype")).isEqualTo("lead");
        assertThat(job.get("operationtype")).isEqualTo(1);
        assertThat(job.getReference("ownerid").id()).isEqualTo(seller);
        assertThat(job.get("completedon")).isNotNull();
        assertThat(job.get("message")).isNull();

        List<AsyncProbes.Run> attempts = runs.of(lead);
        assertThat(attempts).extracting(AsyncProbes.Run::attempt).containsExactly(1, 2, 3);
        assertThat(attempts).allSatisfy(r -> {
            assertThat(r.thread()).startsWith("db-scheduler");
            assertThat(r.leadVisible()).as("the lead is committed when the step runs").isTrue();
            assertThat(r.caller()).isEqualTo(seller);
        });
        // the failed attempts' writes were rolled back; the successful one's stayed
        assertThat(org.retrieve("lead", lead, ColumnSet.of("description")).getString("description"))
                .isEqualTo("done by async step");

        assertThat(jobsOf(org.as(callers.forUser(seller, Channel.API)), lead)).extracting(Entity::id)
                .containsExactly(job.id());
        assertThat(jobsOf(org.as(callers.forUser(otherSeller, Channel.API)), lead)).isEmpty();

        String query = "asyncoperations?$select=statuscode,retrycount&$filter=_regardingobjectid_value%20eq%20" + lead;
        JsonNode mine = get(query, "seller");
        assertThat(mine.get("value")).hasSize(1);
        assertThat(mine.get("value").get(0).get("asyncoperationid").asText()).isEqualTo(job.id().toString());
        assertThat(mine.get("value").get(0).get("statuscode").asInt()).isEqualTo(30);
        assertThat(get(query, "other").get("value")).isEmpty();
        assertThat(get(query, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD).get("value")).hasSize(1);
    }

    private JsonNode get(String path, String user) {
        return get(path, user + "-" + run, PASSWORD);
    }

    private JsonNode get(String path, String login, String password) {
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://localhost:" + port + "/api/data/v9.2/" + path)).header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString((login + ":" + password)
                            .getBytes(StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return new ObjectMapper().readTree(r.body());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aStepThatKeepsFailingEndsFailedWithItsErrorAfterTheLastRetry() throws InterruptedException {
        UUID lead = org.as(callers.forUser(seller, Channel.UI)).create(lead("async-fail-always " + run));

        Entity job = awaitCompleted(lead);
        assertThat(job.get("statecode")).isEqualTo(3);
        assertThat(job.get("statuscode")).isEqualTo(31);
        assertThat(job.get("retrycount")).isEqualTo(3);
        assertThat(job.getString("friendlymessage")).isEqualTo("The async probe refuses lead " + lead
                + " on attempt 3.");
        assertThat(job.getString("message")).startsWith("io.rapport.error.RapportException: The async probe");
        assertThat(job.get("errorcode")).isEqualTo(ErrorCode.INVALID_ARGUMENT.value());
        assertThat(runs.of(lead)).hasSize(3);
        assertThat(org.retrieve("lead", lead, ColumnSet.of("description")).get("description")).isNull();
        assertThat(jobsOf(org.as(callers.forUser(seller, Channel.API)), lead)).hasSize(1);
    }

    @Test
    void aRolledBackMessageQueuesNothing() throws InterruptedException {
        UUID lead = UUID.randomUUID();
        assertThatThrownBy(() -> org.inTransaction(() -> {
            Entity e = lead("async-ok " + run);
            e.setId(lead);
            org.create(e);
            throw new IllegalStateException("caller gives up");
        })).hasMessage("caller gives up");
        Thread.sleep(1500);
        assertThat(jobsOf(org, lead)).isEmpty();
        assertThat(runs.of(lead)).isEmpty();
    }

    private Entity lead(String subject) {
        return new Entity("lead").set("subject", subject).set("lastname", "Async " + run);
    }

    private Entity awaitCompleted(UUID lead) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            List<Entity> jobs = jobsOf(org, lead);
            if (jobs.size() == 1 && Integer.valueOf(3).equals(jobs.get(0).get("statecode"))) {
                return jobs.get(0);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The system job of lead " + lead + " did not complete: " + jobsOf(org, lead).stream()
                .map(Entity::attributes).toList());
    }

    private static List<Entity> jobsOf(OrganizationService as, UUID lead) {
        return as.retrieveMultiple(QueryExpression.from("asyncoperation").columns(ColumnSet.all())
                .where(Condition.eq("regardingobjectid", lead)).build()).entities();
    }

    private UUID salesperson(String name) {
        UUID unit = org.retrieveMultiple(QueryExpression.from("businessunit").columns(ColumnSet.none())
                .where(Condition.of("parentbusinessunitid", ConditionOperator.NULL)).top(1).build())
                .entities().get(0).id();
        UUID user = org.create(new Entity("systemuser").set("lastname", name).set("domainname", name + "-" + run)
                .set("businessunitid", new EntityReference("businessunit", unit)));
        UUID role = org.retrieveMultiple(QueryExpression.from("role").columns(ColumnSet.none())
                .where(io.rapport.query.Filter.and(Condition.eq("name", "Salesperson"),
                        Condition.eq("businessunitid", unit))).build()).entities().get(0).id();
        org.associate(new EntityReference("systemuser", user), "systemuserroles_association",
                List.of(new EntityReference("role", role)));
        org.execute(new ActionRequest("SetUserPassword", new EntityReference("systemuser", user),
                Map.of("Password", PASSWORD)));
        return user;
    }
}
