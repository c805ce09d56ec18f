package io.rapport.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.importing.ImportJob;
import io.rapport.importing.ImportOptions;
import io.rapport.importing.ImportService;
import io.rapport.importing.ImportStatus;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.CreateRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Duplicate detection finds only records the caller may read (issue 21, defect 2): RetrieveDuplicates, the
 * duplicate error of a create with detection on (the UI's and the Web API's warning on save), QualifyLead and
 * imports neither name, count nor match another user's hidden records, and do match the ones shared with them.
 */
abstract class DuplicateVisibilityTest {

    @OnH2
    static class H2 extends DuplicateVisibilityTest {
    }

    @OnPostgres
    static class Postgres extends DuplicateVisibilityTest {
    }

    private static final Map<String, Object> DETECT = Map.of(Messages.SUPPRESS_DUPLICATE_DETECTION, false);

    @Autowired
    OrganizationService org;

    @Autowired
    ImportService imports;

    private Principals p;
    private UUID alice;
    private UUID bob;
    private String secret;

    @BeforeEach
    void users() {
        p = new Principals(org);
        UUID root = p.rootUnit();
        Map<String, String> own = new LinkedHashMap<>();
        for (String e : List.of("Account", "Contact", "Lead", "Opportunity")) {
            for (String right : List.of("Create", "Read", "Write", "Append", "AppendTo")) {
                own.put("prv" + right + e, "Basic");
            }
        }
        own.put("prvShareAccount", "Basic");
        p.role("Own sales records", root, own);
        alice = p.user("alice", root, "Own sales records");
        bob = p.user("bob", root, "Own sales records");
        secret = "Hidden Holdings " + p.run();
        p.as(bob).create(new Entity("account").set("name", secret));
        p.as(bob).create(new Entity("contact").set("lastname", "Quiet").set("emailaddress1", "quiet." + p.run()
                + "@hidden.example"));
    }

    @Test
    void retrieveDuplicatesListsOnlyReadableRecords() {
        assertThat(duplicatesFor(alice, new Entity("account").set("name", secret), "account").entities()).isEmpty();
        assertThat(duplicatesFor(alice, new Entity("account").set("name", secret), "account").totalRecordCount())
                .isZero();
        assertThat(duplicatesFor(alice, new Entity("contact").set("emailaddress1", "QUIET." + p.run()
                + "@hidden.example"), "contact").entities()).isEmpty();

        UUID mine = p.as(alice).create(new Entity("account").set("name", secret));
        assertThat(duplicatesFor(alice, new Entity("account").set("name", secret), "account").entities())
                .extracting(Entity::id).containsExactly(mine);
        // bob sees both his own and, once alice shares hers, alice's
        assertThat(duplicatesFor(bob, new Entity("account").set("name", secret), "account").entities()).hasSize(1);
        p.as(alice).execute(new ActionRequest("GrantAccess", Map.of("Target",
                new EntityReference("account", mine), "PrincipalAccess", Map.of("Principal",
                        new EntityReference("systemuser", bob), "AccessMask", "ReadAccess"))));
        assertThat(duplicatesFor(bob, new Entity("account").set("name", secret), "account").entities()).hasSize(2);
    }

    @Test
    void aCallerWhoMayNotReadTheMatchingEntityFindsNothingInsteadOfAnError() {
        UUID leadsOnly = p.user("leads-only", p.rootUnit());
        p.giveRole(leadsOnly, p.role("Leads only", p.rootUnit(), Map.of("prvReadLead", "Basic",
                "prvCreateLead", "Basic")));
        assertThat(duplicatesFor(leadsOnly, new Entity("account").set("name", secret), "account").entities())
                .isEmpty();
    }

    @Test
    void savingWithDetectionOnIgnoresHiddenRecordsAndNamesVisibleOnes() {
        UUID created = p.as(alice).execute(new CreateRequest(new Entity("account").set("name", secret), DETECT)).id();
        assertThat(created).isNotNull();
        assertThatThrownBy(() -> p.as(alice).execute(new CreateRequest(new Entity("account").set("name", secret),
                DETECT))).satisfies(e -> {
                    RapportException r = (RapportException) e;
                    assertThat(r.code()).isEqualTo(ErrorCode.DUPLICATE_RECORD);
                    assertThat(r.details().get(SalesMessages.DUPLICATES_DETAIL).toString())
                            .contains(created.toString());
                    assertThat(((List<?>) r.details().get(SalesMessages.DUPLICATES_DETAIL))).hasSize(1);
                });
    }

    @Test
    void qualifyingALeadIgnoresHiddenDuplicates() {
        UUID lead = p.as(alice).create(new Entity("lead").set("subject", "Renewal " + p.run())
                .set("lastname", "Quiet").set("companyname", secret)
                .set("emailaddress1", "quiet." + p.run() + "@hidden.example"));
        var response = p.as(alice).execute(new ActionRequest("QualifyLead", new EntityReference("lead", lead),
                Map.of("CreateAccount", true, "CreateContact", true, "CreateOpportunity", false, "Status", 3,
                        "SuppressDuplicateDetection", false)));
        List<EntityReference> createdEntities = ((EntityCollection) response.output(SalesMessages.CREATED_ENTITIES))
                .entities().stream().map(Entity::toReference).toList();
        assertThat(createdEntities).extracting(EntityReference::logicalName).containsExactlyInAnyOrder("account",
                "contact");
        // a second lead of the same company now finds alice's own new account, and only that
        UUID again = p.as(alice).create(new Entity("lead").set("subject", "Again " + p.run()).set("lastname", "Other")
                .set("companyname", secret));
        assertThatThrownBy(() -> p.as(alice).execute(new ActionRequest("QualifyLead", new EntityReference("lead",
                again), Map.of("CreateAccount", true, "CreateContact", false, "CreateOpportunity", false,
                        "Status", 3, "SuppressDuplicateDetection", false))))
                .satisfies(e -> assertThat(((List<?>) ((RapportException) e).details()
                        .get(SalesMessages.DUPLICATES_DETAIL))).hasSize(1));
    }

    @Test
    void importsNeitherSkipNorUpdateRecordsTheImporterCannotRead() throws Exception {
        byte[] csv = ("Account Name,Main Phone\r\n" + secret + ",+1 555 0199\r\n").getBytes(StandardCharsets.UTF_8);
        ImportJob job = p.signedIn(alice, () -> imports.start("account", "mine.csv", csv, null,
                new ImportOptions(io.rapport.importing.DuplicateHandling.UPDATE, false, null)));
        ImportJob done = p.signedIn(alice, () -> awaitEnd(job.id()));
        assertThat(done.status()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(done.created()).isEqualTo(1);
        assertThat(done.updated()).isZero();
        assertThat(done.skipped()).isZero();
        List<Entity> named = org.retrieveMultiple(QueryExpression.from("account").select("telephone1", "ownerid")
                .where(Condition.eq("name", secret)).build()).entities();
        assertThat(named).hasSize(2);
        assertThat(named).filteredOn(a -> ((EntityReference) a.get("ownerid")).id().equals(bob)).singleElement()
                .satisfies(a -> assertThat(a.getString("telephone1")).isNull());
    }

    private ImportJob awaitEnd(UUID id) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            ImportJob job = imports.job(id).orElseThrow();
            if (job.status().isFinal()) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("import " + id + " did not finish");
    }

    private EntityCollection duplicatesFor(UUID user, Entity record, String matching) {
        return (EntityCollection) p.as(user).execute(new ActionRequest(SalesMessages.RETRIEVE_DUPLICATES, Map.of(
                SalesMessages.BUSINESS_ENTITY, record, SalesMessages.MATCHING_ENTITY_NAME, matching)))
                .output(SalesMessages.DUPLICATE_COLLECTION);
    }
}
