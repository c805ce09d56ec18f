package io.rapport.datagen.internal;

import io.rapport.datagen.DataGenProperties;
import io.rapport.datagen.DataGenerator;
import io.rapport.metadata.MetadataService;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.CompanionRecords;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.store.RecordStore;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Generates business units and users through the pipeline, then accounts (a fifth of them under a parent),
 * contacts, leads from every source, opportunities in every state and notes through the bulk path. The same
 * seed gives the same data.
 */
@Service
class OrganisationGenerator implements DataGenerator {

    private static final Logger log = LoggerFactory.getLogger(OrganisationGenerator.class);
    private static final int RECENT = 4096;
    private static final Instant EPOCH = LocalDate.of(2023, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    private static final long SPAN_SECONDS = 3L * 365 * 24 * 3600;

    private final OrganizationService organization;
    private final CallerProvider callers;
    private final MetadataService metadata;
    private final RecordStore store;
    private final TransactionTemplate tx;
    private final List<CompanionRecords> companions;

    OrganisationGenerator(OrganizationService organization, CallerProvider callers, MetadataService metadata,
            RecordStore store, TransactionTemplate tx, List<CompanionRecords> companions) {
        this.companions = companions;
        this.organization = organization;
        this.callers = callers;
        this.metadata = metadata;
        this.store = store;
        this.tx = tx;
    }

    @Override
    public Map<String, Long> generate(DataGenProperties s) {
        long start = System.nanoTime();
        SplittableRandom random = new SplittableRandom(s.seed());
        OrganizationService asSystem = organization.as(callers.system());
        List<BulkWriter.Owner> owners = people(asSystem, s, random);
        MetadataSnapshot snapshot = metadata.snapshot();
        BulkWriter writer = new BulkWriter(store, snapshot, s.batchSize(),
                new EntityReference("systemuser", callers.system().userId()), tx, companions);
        UUID[] recent = new UUID[RECENT];
        Activities activities = Activities.of(snapshot);
        for (int i = 0; i < s.accounts(); i++) {
            BulkWriter.Owner owner = owners.get(random.nextInt(owners.size()));
            Instant created = EPOCH.plusSeconds(random.nextLong(SPAN_SECONDS));
            UUID account = uuid(random);
            Entity a = new Entity("account", account).set("name", companyName(random, i))
                    .set("accountnumber", String.format("AC-%08d", i))
                    .set("address1_city", Words.pick(random, Words.CITIES))
                    .set("address1_country", Words.pick(random, Words.COUNTRIES))
                    .set("telephone1", phone(random)).set("industrycode", 1 + random.nextInt(22))
                    .set("numberofemployees", 1 + random.nextInt(50_000))
                    .set("revenue", money(random, 10_000, 500_000_000))
                    .set("customertypecode", 1 + random.nextInt(12));
            if (i > 0 && random.nextInt(5) == 0) {
                a.set("parentaccountid", new EntityReference("account", recent[random.nextInt(Math.min(i, RECENT))]));
            }
            if (random.nextInt(10) == 0) {
                a.set("statecode", 1).set("statuscode", 2);
            }
            writer.add(a, created, owner);
            recent[i % RECENT] = account;
            children(writer, random, s, account, created, owner, owners, activities);
            if ((i + 1) % 10_000 == 0) {
                log.info("Generated accounts={} of={}", i + 1, s.accounts());
            }
        }
        writer.flushAll();
        Map<String, Long> written = new LinkedHashMap<>(writer.written());
        // a bulk load leaves the planner's statistics (and PostgreSQL's visibility map) behind the data
        written.keySet().forEach(name -> snapshot.findEntity(name).ifPresent(store::refreshStatistics));
        log.info("Data generated counts={} seconds={}", written, (System.nanoTime() - start) / 1_000_000_000.0);
        return written;
    }

    private List<BulkWriter.Owner> people(OrganizationService org, DataGenProperties s, SplittableRandom random) {
        EntityReference root = new EntityReference("businessunit", callers.system().businessUnitId());
        List<EntityReference> units = new ArrayList<>(List.of(root));
        for (int i = 1; i < s.businessUnits(); i++) {
            units.add(new EntityReference("businessunit", org.create(new Entity("businessunit")
                    .set("name", "Region " + i + " " + Words.pick(random, Words.CITIES))
                    .set("parentbusinessunitid", units.get(random.nextInt(units.size()))))));
        }
        List<BulkWriter.Owner> owners = new ArrayList<>();
        for (int i = 0; i < s.users(); i++) {
            EntityReference unit = units.get(i % units.size());
            String first = Words.pick(random, Words.FIRST);
            String last = Words.pick(random, Words.LAST);
            UUID user = org.create(new Entity("systemuser").set("firstname", first).set("lastname", last)
                    .set("domainname", "user" + i + "." + s.seed() + "@rapport.example")
                    .set("internalemailaddress", "user" + i + "." + s.seed() + "@rapport.example")
                    .set("businessunitid", unit));
            owners.add(new BulkWriter.Owner(new EntityReference("systemuser", user), unit));
        }
        return owners;
    }

    private static void children(BulkWriter w, SplittableRandom r, DataGenProperties s, UUID account,
            Instant created, BulkWriter.Owner owner, List<BulkWriter.Owner> owners, Activities activities) {
        EntityReference accountRef = new EntityReference("account", account);
        List<EntityReference> regarding = new ArrayList<>(List.of(accountRef));
        for (int c = 0; c < count(r, s.contactsPerAccount()); c++) {
            String first = Words.pick(r, Words.FIRST);
            String last = Words.pick(r, Words.LAST);
            UUID contact = uuid(r);
            regarding.add(new EntityReference("contact", contact));
            w.add(new Entity("contact", contact).set("firstname", first).set("lastname", last)
                    .set("fullname", first + " " + last).set("jobtitle", Words.pick(r, Words.JOBS))
                    .set("emailaddress1", (first + "." + last + c).toLowerCase().replaceAll("[^a-z0-9.]", "")
                            + "@example.com")
                    .set("telephone1", phone(r)).set("parentcustomerid", accountRef), later(r, created), owner);
        }
        for (int l = 0; l < count(r, s.leadsPerAccount()); l++) {
            String first = Words.pick(r, Words.FIRST);
            String last = Words.pick(r, Words.LAST);
            int state = r.nextInt(10) < 7 ? 0 : r.nextInt(2) + 1;
            int status = state == 0 ? 1 + r.nextInt(2) : state == 1 ? 3 : 4 + r.nextInt(4);
            w.add(new Entity("lead", uuid(r)).set("subject", (10 + r.nextInt(500)) + " " + Words.pick(r, Words.TOPICS))
                    .set("lastname", last).set("firstname", first).set("fullname", first + " " + last)
                    .set("companyname", Words.pick(r, Words.COMPANY_FIRST)).set("leadsourcecode", 1 + r.nextInt(15))
                    .set("leadqualitycode", 1 + r.nextInt(3)).set("estimatedamount", money(r, 1_000, 2_000_000))
                    .set("statecode", state).set("statuscode", status),
                    later(r, created), owners.get(r.nextInt(owners.size())));
        }
        for (int o = 0; o < count(r, s.opportunitiesPerAccount()); o++) {
            int state = r.nextInt(10) < 6 ? 0 : r.nextInt(2) + 1;
            BigDecimal value = money(r, 1_000, 5_000_000);
            UUID opportunity = uuid(r);
            regarding.add(new EntityReference("opportunity", opportunity));
            Entity opp = new Entity("opportunity", opportunity).set("name", Words.pick(r, Words.TOPICS) + " for "
                    + Words.pick(r, Words.COMPANY_FIRST)).set("customerid", accountRef)
                    .set("parentaccountid", accountRef).set("estimatedvalue", value)
                    .set("closeprobability", r.nextInt(101)).set("salesstage", r.nextInt(4))
                    .set("estimatedclosedate", LocalDate.of(2024, 1, 1).plusDays(r.nextInt(1100)))
                    .set("statecode", state).set("statuscode", state == 0 ? 1 : state == 1 ? 3 : 4 + r.nextInt(2));
            if (state == 1) {
                opp.set("actualvalue", value).set("actualclosedate", LocalDate.of(2024, 1, 1).plusDays(r.nextInt(700)));
            }
            w.add(opp, later(r, created), owner);
        }
        if (activities != null) {
            for (int a = 0; a < count(r, s.activitiesPerAccount()); a++) {
                activities.add(w, r, regarding.get(r.nextInt(regarding.size())), later(r, created), owner);
            }
        }
        for (int n = 0; n < count(r, s.notesPerAccount()); n++) {
            w.add(new Entity("annotation", uuid(r)).set("subject", "Call notes").set("notetext",
                    "Discussed " + Words.pick(r, Words.TOPICS) + " with the " + Words.pick(r, Words.JOBS) + ".")
                    .set("objectid", accountRef).set("isdocument", false), later(r, created), owner);
        }
    }

    /** A whole number whose average is {@code mean}. */
    private static int count(SplittableRandom r, double mean) {
        int whole = (int) mean;
        return whole + (r.nextDouble() < mean - whole ? 1 : 0);
    }

    private static Instant later(SplittableRandom r, Instant created) {
        return created.plusSeconds(r.nextLong(90L * 24 * 3600));
    }

    private static String companyName(SplittableRandom r, int i) {
        return Words.pick(r, Words.COMPANY_FIRST) + " " + Words.pick(r, Words.COMPANY_SECOND) + " "
                + Words.pick(r, Words.SUFFIX) + (i >= 1000 ? " " + (i / 1000) : "");
    }

    private static String phone(SplittableRandom r) {
        return String.format("+%d %03d %04d", 1 + r.nextInt(98), r.nextInt(1000), r.nextInt(10_000));
    }

    private static BigDecimal money(SplittableRandom r, long min, long max) {
        return BigDecimal.valueOf(min + r.nextLong(max - min)).setScale(2, RoundingMode.UNNECESSARY);
    }

    /** A version-4-shaped UUID from the seeded generator, so runs are repeatable. */
    private static UUID uuid(SplittableRandom r) {
        long high = (r.nextLong() & 0xFFFFFFFFFFFF0FFFL) | 0x0000000000004000L;
        long low = (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }
}
