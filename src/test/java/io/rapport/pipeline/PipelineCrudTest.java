package io.rapport.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages.AssignRequest;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.Messages.UpdateRequest;
import io.rapport.pipeline.Messages.UpsertRequest;
import io.rapport.pipeline.Messages.UpsertResponse;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.JoinType;
import io.rapport.query.LinkEntity;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Records of every built-in entity go through create, read, update, query and delete. */
abstract class PipelineCrudTest {

    @OnH2
    static class H2 extends PipelineCrudTest {
    }

    @OnPostgres
    static class Postgres extends PipelineCrudTest {
    }

    @Autowired
    OrganizationService org;

    @Autowired
    CallerProvider callers;

    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @Test
    void accountLifecycle() {
        UUID id = org.create(new Entity("account").set("name", "Contoso " + run).set("accountnumber", "A-" + run)
                .set("revenue", new BigDecimal("1250000.50")).set("numberofemployees", 250)
                .set("industrycode", 18).set("emailaddress1", "info@contoso.example"));
        Entity read = org.retrieve("account", id, ColumnSet.all());
        assertThat(read.getString("name")).isEqualTo("Contoso " + run);
        assertThat(read.getDecimal("revenue")).isEqualByComparingTo("1250000.50");
        assertThat(read.get("statecode")).isEqualTo(0);
        assertThat(read.get("statuscode")).isEqualTo(1);
        assertThat(read.getReference("ownerid").id()).isEqualTo(callers.current().userId());
        assertThat(read.getReference("ownerid").name()).isEqualTo("SYSTEM");
        assertThat(read.getReference("owningbusinessunit")).isNotNull();
        assertThat(read.get("createdon")).isNotNull();
        assertThat(read.formattedValues()).containsEntry("industrycode", "Technology");
        long version = read.getLong("versionnumber");

        org.update(new Entity("account", id).set("telephone1", "+1 555 0100").set("numberofemployees", 300));
        Entity updated = org.retrieve("account", id, ColumnSet.of("telephone1", "numberofemployees", "name"));
        assertThat(updated.getString("telephone1")).isEqualTo("+1 555 0100");
        assertThat(updated.get("numberofemployees")).isEqualTo(300);
        assertThat(updated.getLong("versionnumber")).isGreaterThan(version);

        org.delete("account", id);
        assertThatThrownBy(() -> org.retrieve("account", id, ColumnSet.all()))
                .isInstanceOf(RapportException.class)
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.OBJECT_DOES_NOT_EXIST));
    }

    @Test
    void everyBuiltInEntityCanBeCreatedReadUpdatedQueriedAndDeleted() {
        UUID bu = org.create(new Entity("businessunit").set("name", "Sales " + run)
                .set("parentbusinessunitid", rootBusinessUnit()));
        UUID user = org.create(new Entity("systemuser").set("firstname", "Ana").set("lastname", "Lima " + run)
                .set("domainname", "ana" + run).set("businessunitid", new EntityReference("businessunit", bu)));
        UUID team = org.create(new Entity("team").set("name", "Team " + run)
                .set("businessunitid", new EntityReference("businessunit", bu)));
        UUID currency = org.create(new Entity("transactioncurrency").set("currencyname", "Euro " + run)
                .set("isocurrencycode", run.substring(0, 5)).set("currencysymbol", "€")
                .set("exchangerate", new BigDecimal("0.92")));
        UUID account = org.create(new Entity("account").set("name", "Fabrikam " + run)
                .set("transactioncurrencyid", new EntityReference("transactioncurrency", currency)));
        UUID contact = org.create(new Entity("contact").set("firstname", "Peter").set("lastname", "Parker " + run)
                .set("parentcustomerid", new EntityReference("account", account)).set("birthdate", LocalDate.of(1990, 5, 17)));
        UUID lead = org.create(new Entity("lead").set("subject", "100 laptops " + run).set("lastname", "Parker")
                .set("leadsourcecode", 7));
        UUID opportunity = org.create(new Entity("opportunity").set("name", "Laptops " + run)
                .set("customerid", new EntityReference("account", account)).set("estimatedvalue", new BigDecimal("50000"))
                .set("originatingleadid", new EntityReference("lead", lead)));
        UUID note = org.create(new Entity("annotation").set("subject", "Call notes " + run).set("notetext", "Wants 100")
                .set("objectid", new EntityReference("lead", lead)));

        Map<String, UUID> records = Map.of("businessunit", bu, "systemuser", user, "team", team,
                "transactioncurrency", currency, "account", account, "contact", contact, "lead", lead,
                "opportunity", opportunity, "annotation", note);
        records.forEach((entity, id) -> {
            Entity read = org.retrieve(entity, id, ColumnSet.all());
            assertThat(read.id()).isEqualTo(id);
            assertThat(read.get("createdon")).as(entity).isNotNull();
        });
        Entity contactRead = org.retrieve("contact", contact, ColumnSet.all());
        assertThat(contactRead.getString("fullname")).isEqualTo("Peter Parker " + run);
        assertThat(contactRead.getReference("parentcustomerid"))
                .isEqualTo(new EntityReference("account", account));
        assertThat(contactRead.getReference("parentcustomerid").name()).isEqualTo("Fabrikam " + run);
        assertThat(contactRead.get("birthdate")).isEqualTo(LocalDate.of(1990, 5, 17));
        assertThat(org.retrieve("systemuser", user, ColumnSet.of("fullname")).getString("fullname"))
                .isEqualTo("Ana Lima " + run);

        org.update(new Entity("lead", lead).set("firstname", "Peter"));
        assertThat(org.retrieve("lead", lead, ColumnSet.of("fullname")).getString("fullname")).isEqualTo("Peter Parker");
        org.update(new Entity("businessunit", bu).set("description", "West"));
        org.update(new Entity("team", team).set("description", "Inside sales"));
        org.update(new Entity("transactioncurrency", currency).set("currencyprecision", 2));

        EntityCollection notes = org.retrieveMultiple(QueryExpression.from("annotation")
                .where(Condition.eq("objectid", lead)).build());
        assertThat(notes.entities()).extracting(Entity::id).containsExactly(note);

        org.delete("annotation", note);
        org.delete("opportunity", opportunity);
        org.delete("lead", lead);
        org.delete("contact", contact);
        org.delete("account", account);
        org.delete("transactioncurrency", currency);
        org.delete("team", team);
        for (String entity : List.of("annotation", "opportunity", "lead", "contact", "account", "team")) {
            assertThat(org.retrieveMultiple(QueryExpression.from(entity).columns(ColumnSet.none())
                    .where(Condition.eq(entity + "id", records.get(entity))).build()).entities()).isEmpty();
        }
    }

    @Test
    void queryWithLinkOrGroupAndPagingReturnsTheRightRowsInOrder() {
        UUID acme = org.create(new Entity("account").set("name", "Acme " + run).set("address1_city", "Lisbon"));
        UUID other = org.create(new Entity("account").set("name", "Other " + run).set("address1_city", "Porto"));
        for (int i = 0; i < 7; i++) {
            org.create(new Entity("contact").set("firstname", "C" + i).set("lastname", "Lisbon " + run)
                    .set("parentcustomerid", new EntityReference("account", acme)).set("jobtitle", i % 2 == 0 ? "Buyer" : "CEO"));
        }
        for (int i = 0; i < 3; i++) {
            org.create(new Entity("contact").set("firstname", "P" + i).set("lastname", "Porto " + run)
                    .set("parentcustomerid", new EntityReference("account", other)).set("jobtitle", "CEO"));
        }
        // contacts of the Lisbon account who are buyers, or any contact whose first name is P1; by first name desc
        QueryExpression.Builder q = QueryExpression.from("contact").select("firstname", "jobtitle", "parentcustomerid")
                .link(new LinkEntity("account", "accountid", "parentcustomerid", "a", JoinType.INNER,
                        ColumnSet.of("name", "address1_city"), null, List.of()))
                .where(Condition.of("lastname", ConditionOperator.LIKE, "% " + run))
                .where(Filter.or(
                        Filter.and(new Condition("a", "address1_city", ConditionOperator.EQUAL, List.of("lisbon")),
                                Condition.eq("jobtitle", "Buyer")),
                        Condition.eq("firstname", "P1")))
                .orderBy(Order.desc("firstname"));
        EntityCollection page1 = org.retrieveMultiple(q.paging(io.rapport.query.PagingInfo.page(1, 3).withTotalCount())
                .build());
        assertThat(page1.entities()).extracting(e -> e.getString("firstname")).containsExactly("P1", "C6", "C4");
        assertThat(page1.moreRecords()).isTrue();
        assertThat(page1.totalRecordCount()).isEqualTo(5);
        assertThat(page1.entities().get(1).get("a.name")).isEqualTo("Acme " + run);
        EntityCollection page2 = org.retrieveMultiple(q.paging(io.rapport.query.PagingInfo.page(2, 3)).build());
        assertThat(page2.entities()).extracting(e -> e.getString("firstname")).containsExactly("C2", "C0");
        assertThat(page2.moreRecords()).isFalse();
    }

    @Test
    void upsertCreatesThenUpdatesByAlternateKey() {
        UpsertResponse first = org.execute(new UpsertRequest(new Entity("account").set("name", "Upsert " + run),
                Map.of("accountnumber", "U-" + run)));
        assertThat(first.recordCreated()).isTrue();
        UpsertResponse second = org.execute(new UpsertRequest(new Entity("account").set("name", "Upserted " + run),
                Map.of("accountnumber", "U-" + run)));
        assertThat(second.recordCreated()).isFalse();
        assertThat(second.target().id()).isEqualTo(first.target().id());
        assertThat(org.retrieve("account", first.target().id(), ColumnSet.of("name", "accountnumber")).attributes())
                .containsEntry("name", "Upserted " + run).containsEntry("accountnumber", "U-" + run);
    }

    @Test
    void setStateUsesTheStatesDefaultStatusAndRejectsAStatusOfAnotherState() {
        UUID id = org.create(new Entity("opportunity").set("name", "State " + run));
        org.execute(new SetStateRequest(new EntityReference("opportunity", id), 2, -1));
        Entity read = org.retrieve("opportunity", id, ColumnSet.of("statecode", "statuscode"));
        assertThat(read.attributes()).containsEntry("statecode", 2).containsEntry("statuscode", 4);
        assertThat(read.formattedValues()).containsEntry("statecode", "Lost");
        assertThatThrownBy(() -> org.execute(new SetStateRequest(new EntityReference("opportunity", id), 0, 3)))
                .isInstanceOf(RapportException.class)
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.INVALID_STATE_TRANSITION));
    }

    @Test
    void teamMembershipIsAManyToManyAssociation() {
        UUID team = org.create(new Entity("team").set("name", "Members " + run)
                .set("businessunitid", rootBusinessUnit()));
        UUID user = callers.current().userId();
        org.associate(new EntityReference("team", team), "teammembership_association",
                List.of(new EntityReference("systemuser", user)));
        EntityCollection members = org.retrieveMultiple(QueryExpression.from("systemuser").select("fullname")
                .link(new LinkEntity("teammembership", "systemuserid", "systemuserid", "tm", JoinType.INNER,
                        null, Condition.eq("teamid", team), List.of()))
                .build());
        assertThat(members.entities()).extracting(Entity::id).containsExactly(user);
        assertThatThrownBy(() -> org.associate(new EntityReference("team", team), "teammembership_association",
                List.of(new EntityReference("systemuser", user))))
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.DUPLICATE_KEY));
        org.execute(new Messages.DisassociateRequest(new EntityReference("team", team), "teammembership_association",
                List.of(new EntityReference("systemuser", user))));
        assertThat(org.retrieveMultiple(QueryExpression.from("teammembership")
                .where(Condition.eq("teamid", team)).build()).entities()).isEmpty();
    }

    @Test
    void assignCascadesToChildrenByRelationshipMetadata() {
        UUID team = org.create(new Entity("team").set("name", "Owners " + run).set("businessunitid", rootBusinessUnit()));
        UUID account = org.create(new Entity("account").set("name", "Assign " + run));
        UUID contact = org.create(new Entity("contact").set("lastname", "Child " + run)
                .set("parentcustomerid", new EntityReference("account", account)));
        UUID parented = org.create(new Entity("account").set("name", "Sub " + run)
                .set("parentaccountid", new EntityReference("account", account)));
        org.execute(new AssignRequest(new EntityReference("account", account), new EntityReference("team", team)));
        assertThat(org.retrieve("account", account, ColumnSet.of("ownerid")).getReference("ownerid"))
                .isEqualTo(new EntityReference("team", team));
        // contact_customer_accounts cascades assign; account_parent_account does not
        assertThat(org.retrieve("contact", contact, ColumnSet.of("ownerid")).getReference("ownerid"))
                .isEqualTo(new EntityReference("team", team));
        assertThat(org.retrieve("account", parented, ColumnSet.of("ownerid")).getReference("ownerid").logicalName())
                .isEqualTo("systemuser");
    }

    @Test
    void deleteCascadesRemovesLinksAndRespectsRestrict() {
        UUID parent = org.create(new Entity("account").set("name", "Parent " + run));
        UUID child = org.create(new Entity("account").set("name", "Child " + run)
                .set("parentaccountid", new EntityReference("account", parent)));
        UUID contact = org.create(new Entity("contact").set("lastname", "Cascade " + run)
                .set("parentcustomerid", new EntityReference("account", parent)));
        UUID note = org.create(new Entity("annotation").set("subject", "n").set("objectid",
                new EntityReference("contact", contact)));
        org.update(new Entity("account", parent).set("primarycontactid", new EntityReference("contact", contact)));
        org.delete("account", parent);
        assertThat(org.retrieve("account", child, ColumnSet.of("parentaccountid")).get("parentaccountid")).isNull();
        assertThat(exists("contact", contact)).isFalse();
        assertThat(exists("annotation", note)).isFalse();

        UUID bu = org.create(new Entity("businessunit").set("name", "Restricted " + run)
                .set("parentbusinessunitid", rootBusinessUnit()));
        org.create(new Entity("team").set("name", "In BU " + run).set("businessunitid",
                new EntityReference("businessunit", bu)));
        assertThatThrownBy(() -> org.delete("businessunit", bu))
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.CANNOT_DELETE_RESTRICTED));
        assertThat(exists("businessunit", bu)).isTrue();
    }

    @Test
    void createMultipleWritesAllOrNothingAndNamesTheFaultedRecord() {
        List<Entity> good = List.of(new Entity("contact").set("firstname", "A").set("lastname", "Multi " + run),
                new Entity("contact").set("lastname", "Multi " + run).set("emailaddress1", "b@example.com"));
        Messages.CreateMultipleResponse created = org.execute(new Messages.CreateMultipleRequest(good));
        assertThat(created.ids()).hasSize(2);
        Entity first = org.retrieve("contact", created.ids().get(0), ColumnSet.of("fullname", "ownerid"));
        assertThat(first.getString("fullname")).isEqualTo("A Multi " + run);
        assertThat(first.getReference("ownerid")).isNotNull();

        List<Entity> bad = List.of(new Entity("contact").set("lastname", "Faulted " + run),
                new Entity("contact").set("lastname", "Faulted " + run),
                new Entity("contact").set("firstname", "No last name"));
        assertThatThrownBy(() -> org.execute(new Messages.CreateMultipleRequest(bad)))
                .isInstanceOf(RapportException.class)
                .satisfies(e -> assertThat(((RapportException) e).details()).containsEntry("faultedRequestIndex", 2));
        assertThat(org.retrieveMultiple(QueryExpression.from("contact").columns(ColumnSet.none())
                .where(Condition.eq("lastname", "Faulted " + run)).build()).entities()).isEmpty();
    }

    @Test
    void updateWithAStaleRowVersionFails() {
        UUID id = org.create(new Entity("account").set("name", "Versioned " + run));
        long version = org.retrieve("account", id, ColumnSet.of("name")).getLong("versionnumber");
        org.update(new Entity("account", id).set("name", "Changed " + run));
        assertThatThrownBy(() -> org.execute(new UpdateRequest(new Entity("account", id).set("name", "Lost"), version)))
                .satisfies(e -> assertThat(((RapportException) e).code())
                        .isEqualTo(ErrorCode.CONCURRENCY_VERSION_MISMATCH));
        assertThat(org.retrieve("account", id, ColumnSet.of("name")).getString("name")).isEqualTo("Changed " + run);
    }

    private boolean exists(String entity, UUID id) {
        return !org.retrieveMultiple(QueryExpression.from(entity).columns(ColumnSet.none())
                .where(Condition.eq(entity + "id", id)).build()).entities().isEmpty();
    }

    private EntityReference rootBusinessUnit() {
        return new EntityReference("businessunit", callers.system().businessUnitId());
    }
}
