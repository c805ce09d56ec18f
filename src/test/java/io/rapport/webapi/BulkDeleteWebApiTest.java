package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.pipeline.OrganizationService;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import io.rapport.webapi.ApiClient.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * BulkDelete over real HTTP as Dataverse's Web API takes it (QuerySet of QueryExpression objects), submitted by a
 * Salesperson whose second role holds only prvBulkDelete: the background job deletes, as them, the records the query
 * selects that they may delete (their own accounts), logs the one of a colleague as a bulkdeletefailure with the
 * reason, leaves what the query does not select, and ends Succeeded with the counts on the bulkdeleteoperation and
 * the system job (JobId). A plain Salesperson gets 403; a bad query, a recurrence other than daily or a notification
 * without users to notify get 400 naming the problem, and no job is made (the notice itself: MailTest). A daily recurrence runs, plans its next run (Waiting
 * until its time), runs that one when its time comes, and stops when its system job is canceled.
 */
abstract class BulkDeleteWebApiTest {

    @OnH2
    static class H2 extends BulkDeleteWebApiTest {
    }

    @OnPostgres
    static class Postgres extends BulkDeleteWebApiTest {
    }

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    Principals people;
    String run;
    ApiClient admin;

    @BeforeEach
    void setUp() {
        people = new Principals(org);
        run = UUID.randomUUID().toString().substring(0, 8);
        admin = new ApiClient(port);
    }

    private static String bulkDelete(String entity, String condition, String extra) {
        return "{\"QuerySet\":[{\"@odata.type\":\"Microsoft.Dynamics.CRM.QueryExpression\",\"EntityName\":\""
                + entity + "\",\"ColumnSet\":{\"AllColumns\":false,\"Columns\":[]},\"Criteria\":{\"FilterOperator\":"
                + "\"And\",\"Conditions\":[" + condition + "],\"Filters\":[]}}],\"JobName\":\"Clean-up\","
                + "\"SendEmailNotification\":false,\"ToRecipients\":[],\"CCRecipients\":[],\"RecurrencePattern\":\"\","
                + "\"StartDateTime\":\"2020-01-01T00:00:00Z\"" + extra + "}";
    }

    private String account(ApiClient as, String name) {
        Response r = as.post("accounts", "{\"name\":\"" + name + "\"}", "Prefer", "return=representation");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("accountid").asText();
    }

    private long count(String query) {
        return admin.get(query).json().path("value").size();
    }

    @Test
    void aSalespersonWithTheBulkDeletePrivilegeDeletesWhatTheyMayAndTheRestIsLogged() throws Exception {
        UUID unit = people.businessUnit("Bulk " + run, people.rootUnit());
        UUID cleaner = people.user("cleaner" + run, unit, "Salesperson");
        people.giveRole(cleaner, people.role("Data cleaner", unit, Map.of("prvBulkDelete", "Global")));
        UUID colleague = people.user("colleague" + run, unit, "Salesperson");
        ApiClient me = ApiClient.signedIn(port, people, cleaner);
        ApiClient other = ApiClient.signedIn(port, people, colleague);
        String mineA = account(me, "BD " + run + " zap A");
        String mineB = account(me, "BD " + run + " zap B");
        String theirs = account(other, "BD " + run + " zap C");
        String kept = account(me, "BD " + run + " keep");
        String like = "{\"AttributeName\":\"name\",\"Operator\":\"Like\",\"Values\":[{\"Value\":\"BD " + run
                + " zap%\",\"Type\":\"System.String\"}]}";

        Response submitted = me.post("BulkDelete", bulkDelete("account", like, ""));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        assertThat(submitted.json().path("@odata.context").asText()).endsWith(
                "$metadata#Microsoft.Dynamics.CRM.BulkDeleteResponse");
        String jobId = submitted.json().path("JobId").asText();

        JsonNode job = awaitEnded(me, jobId);
        assertThat(job.path("statuscode").asInt()).isEqualTo(30);
        assertThat(job.path("operationtype").asInt()).isEqualTo(13);
        assertThat(job.path("name").asText()).isEqualTo("Clean-up");

        JsonNode operations = admin.get("bulkdeleteoperations?$filter=" + ApiClient.enc("_asyncoperationid_value eq "
                + jobId)).json().path("value");
        assertThat(operations).hasSize(1);
        JsonNode operation = operations.get(0);
        assertThat(operation.path("successcount").asInt()).isEqualTo(2);
        assertThat(operation.path("failurecount").asInt()).isEqualTo(1);
        assertThat(operation.path("statecode").asInt()).isEqualTo(3);
        assertThat(operation.path("_ownerid_value").asText()).isEqualTo(cleaner.toString());
        JsonNode failures = admin.get("bulkdeletefailures?$filter=" + ApiClient.enc("_bulkdeleteoperationid_value eq "
                + operation.path("bulkdeleteoperationid").asText())).json().path("value");
        assertThat(failures).hasSize(1);
        assertThat(failures.get(0).path("regardingobjectid").asText()).isEqualTo(theirs);
        assertThat(failures.get(0).path("regardingobjecttypecode").asText()).isEqualTo("account");
        assertThat(failures.get(0).path("errordescription").asText()).contains("prvDeleteAccount");

        assertThat(admin.get("accounts(" + mineA + ")").status()).isEqualTo(404);
        assertThat(admin.get("accounts(" + mineB + ")").status()).isEqualTo(404);
        assertThat(admin.get("accounts(" + theirs + ")").status()).isEqualTo(200);
        assertThat(admin.get("accounts(" + kept + ")").status()).isEqualTo(200);
    }

    @Test
    void withoutThePrivilegeOrWithABadRequestNothingIsSubmitted() {
        UUID unit = people.businessUnit("Bulk refused " + run, people.rootUnit());
        ApiClient seller = ApiClient.signedIn(port, people, people.user("seller" + run, unit, "Salesperson"));
        String target = account(admin, "BD " + run + " target");
        String eq = "{\"AttributeName\":\"name\",\"Operator\":\"Equal\",\"Values\":[\"BD " + run + " target\"]}";
        long jobsBefore = count("bulkdeleteoperations?$select=name");

        Response denied = seller.post("BulkDelete", bulkDelete("account", eq, ""));
        assertThat(denied.status()).as(denied.body()).isEqualTo(403);
        assertThat(denied.errorCode()).isEqualTo("0x80040220");
        assertThat(denied.errorMessage()).contains("prvBulkDelete");

        List<Response> bad = List.of(
                admin.post("BulkDelete", bulkDelete("account", "{\"AttributeName\":\"nosuchcolumn\",\"Operator\":"
                        + "\"Equal\",\"Values\":[\"x\"]}", "")),
                admin.post("BulkDelete", bulkDelete("account", "{\"AttributeName\":\"name\",\"Operator\":\"Bogus\","
                        + "\"Values\":[\"x\"]}", "")),
                admin.post("BulkDelete", bulkDelete("nosuchentity", eq, "")),
                admin.post("BulkDelete", bulkDelete("account", eq, "").replace("\"RecurrencePattern\":\"\"",
                        "\"RecurrencePattern\":\"FREQ=WEEKLY;INTERVAL=1;\"")),
                admin.post("BulkDelete", bulkDelete("account", eq, "").replace("\"SendEmailNotification\":false",
                        "\"SendEmailNotification\":true")),
                admin.post("BulkDelete", "{\"QuerySet\":[],\"JobName\":\"x\",\"SendEmailNotification\":false,"
                        + "\"RecurrencePattern\":\"\",\"StartDateTime\":\"2020-01-01T00:00:00Z\"}"));
        List<String> expected = List.of("nosuchcolumn", "'Bogus' is not a condition operator",
                "there is no entity named 'nosuchentity'", "RecurrencePattern 'FREQ=WEEKLY;INTERVAL=1;': a bulk deletion "
                + "job runs once (an empty pattern) or every n days (FREQ=DAILY;INTERVAL=n;).",
                "ToRecipients must name at least one user when SendEmailNotification is true.",
                "QuerySet must be an array of one or more");
        for (int i = 0; i < bad.size(); i++) {
            Response r = bad.get(i);
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.errorMessage()).contains(expected.get(i));
        }
        assertThat(count("bulkdeleteoperations?$select=name")).isEqualTo(jobsBefore);
        assertThat(admin.get("accounts(" + target + ")").status()).isEqualTo(200);
    }
    @Test
    void malformedValuesGet400NamingTheProblemAndNothingIsSubmitted() {
        String eq = "{\"AttributeName\":\"name\",\"Operator\":\"Equal\",\"Values\":[\"BD " + run + "\"]}";
        String good = bulkDelete("account", eq, "");
        long jobsBefore = count("bulkdeleteoperations?$select=name");
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("job name a number", good.replace("\"JobName\":\"Clean-up\"", "\"JobName\":42"));
        bodies.put("job name of 10,000 characters", good.replace("\"JobName\":\"Clean-up\"",
                "\"JobName\":\"" + "x".repeat(10_000) + "\""));
        bodies.put("job name blank", good.replace("\"JobName\":\"Clean-up\"", "\"JobName\":\"  \""));
        bodies.put("start not a date", good.replace("2020-01-01T00:00:00Z", "next tuesday"));
        bodies.put("e-mail flag a string", good.replace("\"SendEmailNotification\":false",
                "\"SendEmailNotification\":\"no\""));
        bodies.put("query set an object", good.replace("\"QuerySet\":[", "\"QuerySet\":").replace("}}],\"JobName",
                "}},\"JobName"));
        bodies.put("query set missing", "{\"JobName\":\"x\",\"SendEmailNotification\":false,"
                + "\"RecurrencePattern\":\"\",\"StartDateTime\":\"2020-01-01T00:00:00Z\"}");
        bodies.put("number column compared with text", bulkDelete("account", "{\"AttributeName\":"
                + "\"numberofemployees\",\"Operator\":\"Equal\",\"Values\":[\"many\"]}", ""));
        bodies.put("bad filter operator", good.replace("\"FilterOperator\":\"And\"", "\"FilterOperator\":\"Xor\""));
        bodies.put("values not an array", bulkDelete("account", "{\"AttributeName\":\"name\",\"Operator\":"
                + "\"Equal\",\"Values\":\"x\"}", ""));
        bodies.put("entity name a number", good.replace("\"EntityName\":\"account\"", "\"EntityName\":7"));
        bodies.put("not JSON", "{\"QuerySet\":[");
        bodies.put("recipient not a user", good.replace("\"SendEmailNotification\":false",
                "\"SendEmailNotification\":true").replace("\"ToRecipients\":[]", "\"ToRecipients\":[{\"activitypartyid\""
                + ":\"not-a-guid\"}]"));
        bodies.put("recipients not an array", good.replace("\"ToRecipients\":[]", "\"ToRecipients\":\"me\""));
        bodies.put("recipient unknown", good.replace("\"SendEmailNotification\":false",
                "\"SendEmailNotification\":true").replace("\"ToRecipients\":[]", "\"ToRecipients\":[{\"partyid_"
                + "systemuser@odata.bind\":\"systemusers(00000000-0000-0000-0000-0000000000aa)\"}]"));
        bodies.put("interval 0", good.replace("\"RecurrencePattern\":\"\"", "\"RecurrencePattern\":\"FREQ=DAILY;"
                + "INTERVAL=0\""));
        bodies.put("interval not a number", good.replace("\"RecurrencePattern\":\"\"",
                "\"RecurrencePattern\":\"FREQ=DAILY;INTERVAL=x;\""));
        bodies.put("a part of the rule not taken", good.replace("\"RecurrencePattern\":\"\"",
                "\"RecurrencePattern\":\"FREQ=DAILY;COUNT=3;\""));
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("job name a number", "The value 42 of parameter 'JobName' of BulkDelete is not a valid String.");
        expected.put("job name of 10,000 characters", "JobName has 10000 characters; at most 256 are allowed.");
        expected.put("job name blank", "JobName must name the job.");
        expected.put("start not a date", "The value \"next tuesday\" of parameter 'StartDateTime' of BulkDelete is "
                + "not a valid DateTime.");
        expected.put("e-mail flag a string", "The value \"no\" of parameter 'SendEmailNotification' of BulkDelete "
                + "is not a valid Boolean.");
        expected.put("query set an object", "QuerySet must be an array of one or more QueryExpression objects, each "
                + "with an EntityName and Criteria.");
        expected.put("query set missing", "The parameter 'QuerySet' of BulkDelete is required.");
        expected.put("number column compared with text", "The value 'many' is not valid for attribute "
                + "'numberofemployees' of type Integer.");
        expected.put("bad filter operator", "QuerySet[0].Criteria.FilterOperator must be And or Or, not 'Xor'.");
        expected.put("values not an array", "QuerySet[0].Criteria.Conditions[0]: Values must be an array.");
        expected.put("entity name a number", "QuerySet: there is no entity named '7'.");
        expected.put("not JSON", "The request body is not valid JSON at line 1, column 14: Unexpected end-of-input: "
                + "expected close marker for Array");
        expected.put("recipient not a user", "ToRecipients[0] must be a user: an activityparty with "
                + "activitypartyid (the user's id) or partyid_systemuser@odata.bind.");
        expected.put("recipients not an array", "ToRecipients must be an array of activityparty objects naming "
                + "users.");
        expected.put("recipient unknown", "ToRecipients: there is no user with the id "
                + "00000000-0000-0000-0000-0000000000aa.");
        expected.put("interval 0", "RecurrencePattern 'FREQ=DAILY;INTERVAL=0': INTERVAL must be a number of days "
                + "from 1 to 3650.");
        expected.put("interval not a number", "RecurrencePattern 'FREQ=DAILY;INTERVAL=x;': INTERVAL must be a "
                + "number of days from 1 to 3650.");
        expected.put("a part of the rule not taken", "RecurrencePattern 'FREQ=DAILY;COUNT=3;': a bulk deletion job "
                + "runs once (an empty pattern) or every n days (FREQ=DAILY;INTERVAL=n;).");
        for (Map.Entry<String, String> e : bodies.entrySet()) {
            Response r = admin.post("BulkDelete", e.getValue());
            assertThat(r.status()).as(e.getKey() + ": " + r.body()).isEqualTo(400);
            assertThat(r.errorMessage()).as(e.getKey()).startsWith(expected.get(e.getKey()))
                    .doesNotContain("Source");
        }
        assertThat(count("bulkdeleteoperations?$select=name")).isEqualTo(jobsBefore);
    }

    @Autowired
    DSLContext dsl;

    private JsonNode awaitEnded(String jobId) throws InterruptedException {
        return awaitEnded(admin, jobId);
    }

    /** The system job once it has ended (Completed), read by {@code as}; fails after 30 seconds. */
    private static JsonNode awaitEnded(ApiClient as, String jobId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        JsonNode job = as.get("asyncoperations(" + jobId + ")").json();
        while (job.path("statecode").asInt() != 3 && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            job = as.get("asyncoperations(" + jobId + ")").json();
        }
        assertThat(job.path("statecode").asInt()).as(job.toString()).isEqualTo(3);
        return job;
    }

    private JsonNode operations(String name) {
        return admin.get("bulkdeleteoperations?$select=statecode,statuscode,successcount,isrecurring,nextrun,"
                + "_asyncoperationid_value&$orderby=createdon%20asc&$filter=" + ApiClient.enc("name eq '" + name + "'"))
                .json().path("value");
    }

    /** Brings a waiting run's time to now, as if its day had come (the scheduler's own table, as a clock would). */
    private void itsTimeHasCome(String operationId) {
        assertThat(dsl.update(DSL.table(DSL.name("sys_scheduled_tasks")))
                .set(DSL.field(DSL.name("execution_time"), Instant.class), Instant.now())
                .where(DSL.field(DSL.name("task_name"), String.class).eq("bulk-delete"))
                .and(DSL.field(DSL.name("task_instance"), String.class).eq(operationId))
                .execute()).isEqualTo(1);
    }

    private boolean scheduled(String operationId) {
        return dsl.fetchExists(DSL.table(DSL.name("sys_scheduled_tasks")),
                DSL.field(DSL.name("task_instance"), String.class).eq(operationId));
    }

    @Test
    void aDailyRecurringJobRunsPlansItsNextRunRunsItAndStopsWhenCanceled() throws Exception {
        String name = "Weekly clean-up " + run;
        String like = "{\"AttributeName\":\"name\",\"Operator\":\"Like\",\"Values\":[{\"Value\":\"BDR " + run
                + "%\",\"Type\":\"System.String\"}]}";
        String first = account(admin, "BDR " + run + " first");
        Instant submittedAt = Instant.now();
        Response submitted = admin.post("BulkDelete", bulkDelete("account", like, "").replace("Clean-up", name)
                .replace("\"RecurrencePattern\":\"\"", "\"RecurrencePattern\":\"FREQ=DAILY;INTERVAL=7;\""));
        assertThat(submitted.status()).as(submitted.body()).isEqualTo(200);
        JsonNode job = awaitEnded(submitted.json().path("JobId").asText());
        assertThat(job.path("statuscode").asInt()).isEqualTo(30);
        assertThat(job.path("recurrencepattern").asText()).isEqualTo("FREQ=DAILY;INTERVAL=7;");
        assertThat(admin.get("accounts(" + first + ")").status()).isEqualTo(404);

        // the run ended and planned the next one, seven days after this one's start, waiting until then
        JsonNode ops = operations(name);
        assertThat(ops).hasSize(2);
        assertThat(ops.get(0).path("statuscode").asInt()).isEqualTo(30);
        assertThat(ops.get(0).path("successcount").asInt()).isEqualTo(1);
        assertThat(ops.get(0).path("isrecurring").asBoolean()).isTrue();
        Instant nextRun = Instant.parse(ops.get(0).path("nextrun").asText());
        assertThat(nextRun).isBetween(submittedAt.plus(Duration.ofDays(7)).minusSeconds(1),
                Instant.now().plus(Duration.ofDays(7)));
        JsonNode waiting = ops.get(1);
        assertThat(waiting.path("statecode").asInt()).isEqualTo(1);
        assertThat(waiting.path("statuscode").asInt()).isEqualTo(10);
        assertThat(waiting.path("isrecurring").asBoolean()).isTrue();
        JsonNode nextJob = admin.read("asyncoperations(" + waiting.path("_asyncoperationid_value").asText() + ")");
        assertThat(nextJob.path("statecode").asInt()).isEqualTo(1);
        assertThat(nextJob.path("statuscode").asInt()).isEqualTo(10);
        assertThat(Instant.parse(nextJob.path("postponeuntil").asText())).isEqualTo(nextRun);
        assertThat(nextJob.path("recurrencepattern").asText()).isEqualTo("FREQ=DAILY;INTERVAL=7;");
        assertThat(nextJob.path("name").asText()).isEqualTo(name);

        // its day comes: the same query runs again, on what matches now, and plans the run after
        String second = account(admin, "BDR " + run + " second");
        itsTimeHasCome(waiting.path("bulkdeleteoperationid").asText());
        awaitEnded(waiting.path("_asyncoperationid_value").asText());
        assertThat(admin.get("accounts(" + second + ")").status()).isEqualTo(404);
        ops = operations(name);
        assertThat(ops).hasSize(3);
        assertThat(ops.get(1).path("statuscode").asInt()).isEqualTo(30);
        assertThat(ops.get(1).path("successcount").asInt()).isEqualTo(1);
        assertThat(Instant.parse(ops.get(1).path("nextrun").asText())).isAfter(nextRun.plus(Duration.ofDays(6)));
        JsonNode third = ops.get(2);
        assertThat(third.path("statecode").asInt()).isEqualTo(1);

        // canceled as Dataverse cancels a system job: the waiting run ends Canceled and never deletes
        String thirdJob = third.path("_asyncoperationid_value").asText();
        Response cancel = admin.patch("asyncoperations(" + thirdJob + ")", "{\"statecode\":3,\"statuscode\":32}");
        assertThat(cancel.status()).as(cancel.body()).isEqualTo(204);
        JsonNode canceled = operations(name).get(2);
        assertThat(canceled.path("statecode").asInt()).isEqualTo(3);
        assertThat(canceled.path("statuscode").asInt()).isEqualTo(32);
        String spared = account(admin, "BDR " + run + " spared");
        itsTimeHasCome(third.path("bulkdeleteoperationid").asText());
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (scheduled(third.path("bulkdeleteoperationid").asText()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(scheduled(third.path("bulkdeleteoperationid").asText())).as("the canceled run was picked").isFalse();
        assertThat(admin.get("accounts(" + spared + ")").status()).isEqualTo(200);
        assertThat(operations(name)).hasSize(3);
        assertThat(admin.read("asyncoperations(" + thirdJob + ")").path("statuscode").asInt()).isEqualTo(32);
    }
}
