package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.Principals;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * What one {@code POST incidents} costs against one {@code POST accounts} (benchmark row 10): the SQL statements and
 * pipeline messages run while the HTTP request is served, counted on the server's request threads. A case with a
 * customer is numbered, filled in from the customer, checked for a default entitlement and given its SLA; each of
 * these must stay a statement or two, not a nested message with its own privilege checks.
 */
@Import(CaseCreateCostTest.Counting.class)
@TestPropertySource(properties = "rapport.jobs.enabled=false")
abstract class CaseCreateCostTest {

    @OnH2
    static class H2 extends CaseCreateCostTest {
    }

    /**
     * On PostgreSQL the node hears cluster signals, so the attribute maps, the organization record (the case prefix),
     * the customers with a default entitlement and the default SLA are kept between requests.
     */
    @OnPostgres
    static class Postgres extends CaseCreateCostTest {
        @Override
        boolean keepsAttributeMaps() {
            return true;
        }
    }

    boolean keepsAttributeMaps() {
        return false;
    }

    /** What a node that hears cluster signals keeps: the reads of these are not made again. */
    private static final java.util.Set<String> KEPT = java.util.Set.of("RetrieveMultiple attributemap",
            "RetrieveMultiple organization", "RetrieveMultiple entitlement", "RetrieveMultiple sla",
            "RetrieveMultiple slaitem");

    /**
     * The messages of a case create as listed, without the attribute map, organization, default entitlement and
     * default SLA reads where the node keeps them (the customer has no default entitlement).
     */
    private List<String> caseMessages(String... messages) {
        return java.util.Arrays.stream(messages).filter(m -> !(keepsAttributeMaps() && KEPT.contains(m))).toList();
    }

    /**
     * Counts statements and messages on the web server's threads while a test of this class runs ({@code on}: the
     * benchmark's application scans the test classes too, and must not count).
     */
    @TestConfiguration
    static class Counting {
        static final List<String> SQL = Collections.synchronizedList(new ArrayList<>());
        static final List<String> MESSAGES = Collections.synchronizedList(new ArrayList<>());
        static volatile boolean on;

        static boolean serving() {
            return on && Thread.currentThread().getName().startsWith("http-nio");
        }

        @Bean
        ExecuteListenerProvider statementCounter() {
            return new DefaultExecuteListenerProvider(new ExecuteListener() {
                @Override
                public void executeStart(ExecuteContext ctx) {
                    if (serving()) {
                        SQL.add(ctx.sql());
                    }
                }
            });
        }

        @Bean
        Plugin messageCounter() {
            return new MessageCounter();
        }
    }

    @PluginStep(messages = "*", stage = Stage.PRE_VALIDATION, order = Integer.MIN_VALUE)
    static class MessageCounter implements Plugin {
        @Override
        public void execute(PluginContext context) {
            if (Counting.serving()) {
                Counting.MESSAGES.add(context.messageName() + " " + context.entityName());
            }
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    ApiClient api;
    String run;

    @AfterEach
    void stopCounting() {
        Counting.on = false;
    }

    @BeforeEach
    void representative() {
        Counting.on = true;
        Principals people = new Principals(org);
        run = people.run();
        UUID unit = people.businessUnit("Desk", people.rootUnit());
        api = ApiClient.signedIn(port, people, people.user("csr", unit, "Customer Service Representative"));
    }

    /** The statements and messages of one request; the first request of a kind warms caches and is not counted. */
    private Cost cost(String set, String json) {
        api.create(set, json);
        Counting.SQL.clear();
        Counting.MESSAGES.clear();
        api.create(set, json);
        // the periodic checks of node-wide caches (metadata and security versions, currencies) come and go with the
        // clock (a loaded machine's slow request sees the security version's poll: 14 against 13 statements)
        Cost cost = new Cost(Counting.SQL.stream().filter(q -> !q.contains("\"sys_metadata_version\"")
                && !q.contains("\"sys_security_version\"") && !q.contains("\"transactioncurrency\"")).toList(),
                List.copyOf(Counting.MESSAGES));
        Counting.SQL.clear();
        Counting.MESSAGES.clear();
        return cost;
    }

    record Cost(List<String> statements, List<String> messages) {
    }

    /** Leaves both lists under target/ for whoever wants to see where a request's statements go. */
    private void write(Cost account, Cost incident) {
        StringBuilder s = new StringBuilder();
        for (Cost c : List.of(account, incident)) {
            s.append(c.messages().size()).append(" messages\n");
            c.messages().forEach(m -> s.append("  ").append(m).append('\n'));
            s.append(c.statements().size()).append(" statements\n");
            c.statements().forEach(q -> s.append("  ").append(q).append('\n'));
        }
        try {
            java.nio.file.Files.writeString(java.nio.file.Path.of("target", "case-create-cost-"
                    + getClass().getSimpleName() + ".txt"), s);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void aCaseCostsAboutWhatAnAccountCosts() {
        String contact = api.create("contacts", "{\"lastname\":\"Parker " + run + "\"}");
        String customer = api.create("accounts", "{\"name\":\"Contoso " + run + "\","
                + "\"primarycontactid@odata.bind\":\"/contacts(" + contact + ")\"}");
        Cost account = cost("accounts", "{\"name\":\"Fabrikam " + run + "\",\"telephone1\":\"+1 555 0100\","
                + "\"address1_city\":\"Lisbon\"}");
        Cost incident = cost("incidents", "{\"title\":\"No internet " + run + "\",\"caseorigincode\":1,"
                + "\"customerid_account@odata.bind\":\"/accounts(" + customer + ")\"}");

        write(account, incident);
        assertThat(account.messages()).as("messages of POST accounts")
                .containsExactly("RetrieveMultiple systemuser", "Create account");
        // the case number reads the organization record's prefix and the customer mapping reads the maps (unless the
        // node keeps them), then the account (as the caller); the default entitlement and the default SLA are one
        // read each unless the node keeps them; the case is not read back
        assertThat(incident.messages()).as("messages of POST incidents").containsExactlyElementsOf(caseMessages(
                "RetrieveMultiple systemuser", "Create incident", "RetrieveMultiple organization",
                "RetrieveMultiple attributemap", "Retrieve account", "RetrieveMultiple entitlement",
                "RetrieveMultiple sla"));
        // the customer's existence, the case number, the mapping's read of the customer: three more than the account;
        // where the node does not keep them, the maps, the default entitlement and the default SLA too; the mapped
        // primary contact was joined by the customer's read, so its existence is not asked again
        assertThat(incident.statements().size()).as("statements of POST incidents: %s\nagainst POST accounts: %s",
                String.join("\n", incident.statements()), String.join("\n", account.statements()))
                .isLessThanOrEqualTo(account.statements().size() + (keepsAttributeMaps() ? 3 : 6));
        assertThat(incident.statements()).as("the mapped contact's existence asked again")
                .noneMatch(q -> q.startsWith("select exists") && q.contains("from \"contact\""));
        // a representative appends to every account (AppendTo at organization depth): the customer's owner is not
        // read for the check
        assertThat(incident.statements()).as("an owner read of the customer")
                .noneMatch(q -> q.startsWith("select") && q.contains("from \"account\"") && q.contains("\"ownerid\""));

        // with a default SLA the case is written once: its SLA fields go with the insert, the KPI follows it
        UUID sla = org.create(new Entity("sla").set("name", "Default " + run).set("isdefault", true));
        org.create(new Entity("slaitem").set("name", "Resolve by").set("slaid", new EntityReference("sla", sla))
                .set("relatedfield", 2).set("failureafter", 480));
        org.execute(new SetStateRequest(new EntityReference("sla", sla), 1, 2));
        try {
            Cost withSla = cost("incidents", "{\"title\":\"With SLA " + run + "\",\"caseorigincode\":1,"
                    + "\"customerid_account@odata.bind\":\"/accounts(" + customer + ")\"}");
            assertThat(withSla.messages()).as("messages of POST incidents with a default SLA")
                    .containsExactlyElementsOf(caseMessages("RetrieveMultiple systemuser", "Create incident",
                            "RetrieveMultiple organization", "RetrieveMultiple attributemap", "Retrieve account",
                            "RetrieveMultiple entitlement", "RetrieveMultiple sla", "RetrieveMultiple slaitem", "Create slakpiinstance"));
            assertThat(withSla.statements()).as("statements of POST incidents with a default SLA")
                    .filteredOn(q -> q.startsWith("update \"incident\"")).isEmpty();
        } finally {
            org.update(new Entity("sla", sla).set("isdefault", false));
        }
    }

    @Test
    void aChangedAttributeMapIsUsedByTheNextCase() {
        String contact = api.create("contacts", "{\"lastname\":\"Mapped " + run + "\"}");
        String customer = api.create("accounts", "{\"name\":\"Mapped Co " + run + "\","
                + "\"primarycontactid@odata.bind\":\"/contacts(" + contact + ")\"}");
        String body = "{\"title\":\"Mapped %s " + run + "\",\"caseorigincode\":1,"
                + "\"customerid_account@odata.bind\":\"/accounts(" + customer + ")\"}";
        UUID map = org.retrieveMultiple(io.rapport.query.QueryExpression.from("attributemap")
                .where(io.rapport.query.Condition.eq("sourceentityname", "account"))
                .where(io.rapport.query.Condition.eq("targetentityname", "incident"))
                .where(io.rapport.query.Condition.eq("targetattributename", "primarycontactid")).build())
                .entities().get(0).id();
        // twice: the second create is served from what the node keeps, where it keeps the maps
        assertThat(primaryContact(api.create("incidents", body.formatted(1)))).isEqualTo(UUID.fromString(contact));
        assertThat(primaryContact(api.create("incidents", body.formatted(2)))).isEqualTo(UUID.fromString(contact));
        org.execute(new SetStateRequest(new EntityReference("attributemap", map), 1, 2));
        try {
            assertThat(primaryContact(api.create("incidents", body.formatted(3)))).as("map deactivated").isNull();
        } finally {
            org.execute(new SetStateRequest(new EntityReference("attributemap", map), 0, 1));
        }
        assertThat(primaryContact(api.create("incidents", body.formatted(4)))).as("map active again")
                .isEqualTo(UUID.fromString(contact));
    }

    private UUID primaryContact(String incident) {
        EntityReference contact = org.retrieve("incident", UUID.fromString(incident),
                io.rapport.query.ColumnSet.of("primarycontactid")).getReference("primarycontactid");
        return contact == null ? null : contact.id();
    }
}
