package io.rapport.bench;

import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages.CreateMultipleRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.testing.Principals;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark: a quick campaign (PropagateByExpression, a phone call for every contact a FetchXML query selects, run
 * by the marketing module's background job as a Marketing Professional) over 100,000 contacts (1,000 in short
 * mode), against PostgreSQL's {@code INSERT … SELECT} of one row per contact into a table of the activity's main
 * columns, in the same run. The heap is sampled while the job runs: "flat memory" means that what the job keeps
 * does not grow with the number of contacts (it reads and writes a page at a time). What a job keeps alive ends up
 * in the old generation, what it streams dies young, so the verdict is the old generation's growth; the growth of
 * the whole heap, garbage included (which depends on when the collector runs, not on the job), is in the note.
 */
final class MarketingSuite {

    private static final int CREATE_BATCH = 1000;
    /** What the old generation may grow by while the job runs, whatever the number of contacts. */
    private static final long FLAT_HEAP_BYTES = 64L * 1024 * 1024;

    private MarketingSuite() {
    }

    static List<BenchResult> run(BenchSettings s) throws Exception {
        int contacts = Integer.getInteger("bench.marketingContacts", s.full() ? 100_000 : 1_000);
        String tag = "MKT" + Long.toString(System.currentTimeMillis(), 36);
        List<BenchResult> results = new ArrayList<>();
        try (BenchApps.Lease lease = BenchApps.start(new HashMap<>(BenchDatabase.properties()))) {
            ConfigurableApplicationContext app = lease.app();
            DataSource db = app.getBean(DataSource.class);
            OrganizationService org = app.getBean(OrganizationService.class);
            Principals people = new Principals(org);
            UUID marketer = people.user("bench-mkt", people.rootUnit(), "Marketing Professional");
            OrganizationService as = people.as(marketer);
            for (int from = 0; from < contacts; from += CREATE_BATCH) {
                List<Entity> batch = new ArrayList<>();
                for (int i = from; i < Math.min(contacts, from + CREATE_BATCH); i++) {
                    batch.add(new Entity("contact").set("firstname", "F" + i).set("lastname", tag + " " + i)
                            .set("telephone1", "+1 555 " + i));
                }
                as.execute(new CreateMultipleRequest(batch));
            }
            String fetch = "<fetch><entity name='contact'><attribute name='contactid'/><filter><condition "
                    + "attribute='lastname' operator='like' value='" + tag + " %'/></filter></entity></fetch>";

            double baseline = insertSelectRowsPerSecond(db, tag, contacts);

            MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
            MemoryPoolMXBean old = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP
                            && (pool.getName().contains("Old") || pool.getName().contains("Tenured")))
                    .findFirst().orElseThrow();
            System.gc();
            long heapBefore = memory.getHeapMemoryUsage().getUsed();
            long oldBefore = old.getUsage().getUsed();
            long peak = heapBefore;
            long oldPeak = oldBefore;
            Map<String, Object> p = new HashMap<>();
            p.put("QueryExpression", fetch);
            p.put("FriendlyName", "Bench " + tag);
            p.put("ExecuteImmediately", false);
            p.put("Activity", new Entity("phonecall").set("subject", "Bench call " + tag)
                    .set("scheduleddurationminutes", 15));
            p.put("OwnershipOptions", "Caller");
            long t0 = System.nanoTime();
            UUID id = (UUID) as.execute(new ActionRequest("PropagateByExpression", p)).output("BulkOperationId");
            Entity op;
            long deadline = t0 + 3_600_000_000_000L;
            do {
                Thread.sleep(50);
                peak = Math.max(peak, memory.getHeapMemoryUsage().getUsed());
                oldPeak = Math.max(oldPeak, old.getUsage().getUsed());
                op = org.retrieve("bulkoperation", id, ColumnSet.of("statecode", "statuscode", "successcount",
                        "failurecount"));
            } while (op.getInteger("statecode") == 0 && System.nanoTime() < deadline);
            double seconds = (System.nanoTime() - t0) / 1e9;
            int created = op.getInteger("successcount");
            if (op.getInteger("statuscode") != 4 || created != contacts || op.getInteger("failurecount") != 0) {
                throw new IllegalStateException("The quick campaign ended with status " + op.getInteger("statuscode")
                        + ", " + created + " created and " + op.getInteger("failurecount") + " failed of "
                        + contacts);
            }
            long calls = count(db, "select count(*) from phonecall where subject = 'Bench call " + tag + "'");
            if (calls != contacts) {
                throw new IllegalStateException("The quick campaign made " + calls + " phone calls of " + contacts);
            }
            double rate = created / seconds;
            long growth = Math.max(0, peak - heapBefore);
            long retained = Math.max(0, oldPeak - oldBefore);
            boolean flat = retained <= FLAT_HEAP_BYTES;
            results.add(new BenchResult("quick campaign over " + contacts + " contacts", "PropagateByExpression job",
                    rate, "PostgreSQL INSERT … SELECT", baseline, "activities/s", baseline / rate,
                    ">= 5,000 activities/s, old generation growth <= " + FLAT_HEAP_BYTES / (1024 * 1024) + " MB",
                    rate >= 5_000 && flat, String.format("as a Marketing Professional, phone calls with their "
                            + "activity party; old generation grew by %d MB (what the job keeps); all heap, "
                            + "garbage included, peaked at %d MB over %d MB before (growth %d MB)", retained >> 20,
                            peak >> 20, heapBefore >> 20, growth >> 20)));
        }
        return results;
    }

    private static long count(DataSource db, String sql) throws Exception {
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
                var rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** One row per contact of the run into a temporary table of a phone call's main columns, by one statement. */
    private static double insertSelectRowsPerSecond(DataSource db, String tag, int contacts) throws Exception {
        try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
            st.execute("create temporary table bench_marketing_calls (activityid uuid primary key, subject "
                    + "varchar(200), regardingobjectid uuid, ownerid uuid, scheduleddurationminutes int, "
                    + "statecode int, createdon timestamp)");
            long t0 = System.nanoTime();
            int rows = st.executeUpdate("insert into bench_marketing_calls select gen_random_uuid(), 'Baseline "
                    + tag + "', contactid, ownerid, 15, 0, now() from contact where lastname like '" + tag + " %'");
            double seconds = (System.nanoTime() - t0) / 1e9;
            st.execute("drop table bench_marketing_calls");
            if (rows != contacts) {
                throw new IllegalStateException("INSERT … SELECT wrote " + rows + " rows of " + contacts);
            }
            return rows / seconds;
        }
    }
}
