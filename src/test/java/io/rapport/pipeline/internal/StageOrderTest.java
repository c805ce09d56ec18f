package io.rapport.pipeline.internal;

import static io.rapport.pipeline.internal.StageRecorder.AUDIT;
import static io.rapport.pipeline.internal.StageRecorder.CHECK;
import static io.rapport.pipeline.internal.StageRecorder.COMMIT;
import static io.rapport.pipeline.internal.StageRecorder.STAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import io.rapport.error.RapportException;
import io.rapport.pipeline.OrganizationRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.internal.MessageSamples.Audit;
import io.rapport.pipeline.internal.MessageSamples.Sample;
import io.rapport.pipeline.internal.StageRecorder.Event;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

/**
 * Every message of the catalog (core, relationship and every action, as registered) runs its stages in Dataverse's
 * order: pre-validation outside the transaction, the privilege check before pre-operation, pre-operation, main
 * operation and post-operation in one transaction, its audit entries last in it; and a failure at any of these
 * points leaves every table as it was.
 */
abstract class StageOrderTest {

    @OnH2
    @Import(StageProbes.class)
    static class H2 extends StageOrderTest {
    }

    @OnPostgres
    @Import(StageProbes.class)
    static class Postgres extends StageOrderTest {
    }

    @Autowired
    MessageRegistry registry;

    @Autowired
    OrganizationService org;

    @Autowired
    StageRecorder recorder;

    @Autowired
    DataSource dataSource;

    @Test
    void everyMessageHasASample() {
        assertThat(registry.messageNames()).hasSizeGreaterThanOrEqualTo(32)
                .filteredOn(name -> MessageSamples.of(name).isEmpty())
                .as("messages without a sample request in MessageSamples").isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyMessageRunsItsStagesInDataverseOrder() {
        MessageSamples samples = new MessageSamples(org);
        return registry.messageNames().stream().filter(n -> MessageSamples.of(n).isPresent())
                .map(name -> dynamicTest(name, () -> order(samples, name)));
    }

    @TestFactory
    Stream<DynamicTest> aFailureAtAnyStageLeavesNoRowChanged() {
        MessageSamples samples = new MessageSamples(org);
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : registry.messageNames()) {
            Sample sample = MessageSamples.of(name).orElse(null);
            if (sample == null) {
                continue;
            }
            List<String> points = new ArrayList<>(List.of("10", "20", "40"));
            if (sample.checks()) {
                points.add(CHECK);
            }
            if (sample.audit() == Audit.OWN || sample.audit() == Audit.NESTED) {
                points.add(AUDIT);
            }
            points.forEach(p -> tests.add(dynamicTest(name + " fails at " + p, () -> rollback(samples, name, p))));
        }
        return tests.stream();
    }

    private void order(MessageSamples samples, String name) {
        Sample sample = MessageSamples.of(name).orElseThrow();
        OrganizationRequest<?> request = samples.request(name);
        recorder.start();
        org.execute(request);
        List<Event> events = recorder.stop();
        int pre = index(events, name, "10");
        int op = index(events, name, "20");
        int post = index(events, name, "40");
        assertThat(events).as("events of %s", name).filteredOn(e -> e.is(STAGE, name, 1)).hasSize(3);
        assertThat(pre).as("%s: %s", name, events).isLessThan(op);
        assertThat(op).as("%s: %s", name, events).isLessThan(post);
        List<Event> beforeOperation = events.subList(pre, op);
        List<Event> afterPost = events.subList(post + 1, events.size());
        if (sample.checks()) {
            assertThat(beforeOperation).as("%s checks its privilege before pre-operation: %s", name, events)
                    .anyMatch(e -> e.kind().equals(CHECK));
        }
        assertThat(afterPost).as("%s: only its audit and the commit follow post-operation", name)
                .allMatch(e -> e.kind().equals(AUDIT) || e.kind().equals(COMMIT));
        switch (sample.audit()) {
            case OWN -> assertThat(afterPost).as("%s audits after post-operation: %s", name, events)
                    .anyMatch(e -> e.kind().equals(AUDIT));
            case NESTED -> assertThat(events.subList(op, post)).as("%s audits in its main operation", name)
                    .anyMatch(e -> e.kind().equals(AUDIT));
            case NONE -> assertThat(events).as("%s writes no audit", name).noneMatch(e -> e.kind().equals(AUDIT));
            case ANY -> {
            }
        }
        int tx = events.get(op).tx();
        if (registry.handlerNamed(name).orElseThrow().transactional()) {
            assertThat(events.get(pre).tx()).as("%s: pre-validation runs before the transaction", name).isZero();
            assertThat(beforeOperation).as("%s: privilege checks run before the transaction", name)
                    .filteredOn(e -> e.kind().equals(CHECK)).allMatch(e -> e.tx() == 0);
            assertThat(tx).as("%s: pre-operation runs in a transaction", name).isNotZero();
            assertThat(events.subList(op, post + 1)).as("%s: 20 to 40 in one transaction", name)
                    .filteredOn(e -> e.kind().equals(STAGE)).allMatch(e -> e.tx() == tx);
            assertThat(afterPost).filteredOn(e -> e.kind().equals(AUDIT)).allMatch(e -> e.tx() == tx);
            assertThat(afterPost).as("%s: the transaction commits after post-operation and audit", name)
                    .last().extracting(Event::kind).isEqualTo(COMMIT);
        } else {
            assertThat(events).as("%s: a plain read opens no transaction", name).allMatch(e -> e.tx() == 0)
                    .noneMatch(e -> e.kind().equals(COMMIT));
        }
    }

    private void rollback(MessageSamples samples, String name, String point) throws SQLException {
        OrganizationRequest<?> request = samples.request(name);
        Map<String, String> before = fingerprint();
        recorder.failAt(name, point);
        try {
            assertThatThrownBy(() -> org.execute(request)).isInstanceOf(RapportException.class)
                    .hasMessageContaining("probe failure at " + point);
        } finally {
            recorder.stop();
        }
        assertThat(fingerprint()).as("tables after %s failed at %s", name, point).isEqualTo(before);
    }

    private static int index(List<Event> events, String message, String stage) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).is(STAGE, message, 1) && events.get(i).detail().equals(stage)) {
                return i;
            }
        }
        throw new AssertionError("No stage " + stage + " of " + message + " in " + events);
    }

    /**
     * Row count and highest row version of every table with rows: any insert, update or delete changes one of them.
     * Empty tables are left out: on H2 a customization's DDL commits at once, so a failed CreateEntity may leave an
     * empty table behind (no row changed; PostgreSQL undoes the table too).
     */
    private Map<String, String> fingerprint() throws SQLException {
        Map<String, String> result = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            // the tables, each with whether it has a versionnumber column: from pg_catalog on PostgreSQL, where
            // information_schema.columns costs a scan of every schema's columns (the test database holds the
            // schemas of other test contexts), from information_schema on H2
            boolean postgres = c.getMetaData().getDatabaseProductName().equals("PostgreSQL");
            String tablesSql = postgres
                    ? "select c.relname, exists (select 1 from pg_attribute a where a.attrelid = c.oid"
                            + " and a.attname = 'versionnumber' and not a.attisdropped) from pg_class c"
                            + " where c.relnamespace = current_schema()::regnamespace and c.relkind in ('r', 'p')"
                    : "select t.table_name, exists (select 1 from information_schema.columns k"
                            + " where k.table_schema = t.table_schema and k.table_name = t.table_name"
                            + " and k.column_name = 'versionnumber') from information_schema.tables t"
                            + " where t.table_schema = '" + c.getSchema() + "' and t.table_type = 'BASE TABLE'";
            List<String> counts = new ArrayList<>();
            try (ResultSet rs = s.executeQuery(tablesSql)) {
                while (rs.next()) {
                    String t = rs.getString(1);
                    // change tracking's watermark samples are taken by a background job at any moment
                    if (!t.equalsIgnoreCase("sys_change_watermark")) {
                        String version = rs.getBoolean(2) ? "max(versionnumber)" : "0";
                        counts.add("select '" + t + "', count(*), cast(" + version + " as varchar(40)) from \"" + t
                                + "\"");
                    }
                }
            }
            // every table's row count and highest version in one statement, twice for each of the 526 rollbacks. On
            // PostgreSQL without parallel workers (for a union of about 130 small tables the planner chose a parallel
            // append, whose two workers' start cost 115 ms a statement against 35 ms serially, in psql on a test
            // schema) and prepared, so that the driver keeps its plan on the connection once it ran five times (its
            // planning was 14 ms of those 35): the rollbacks on PostgreSQL 48.7 s -> 39.7 s -> 24.9 s
            if (postgres) {
                s.execute("set max_parallel_workers_per_gather = 0");
            }
            try (PreparedStatement union = c.prepareStatement(String.join(" union all ", counts));
                    ResultSet rs = union.executeQuery()) {
                while (rs.next()) {
                    if (rs.getLong(2) > 0) {
                        result.put(rs.getString(1), rs.getLong(2) + "/" + rs.getString(3));
                    }
                }
            } finally {
                if (postgres) {
                    // the connection goes back to the application's pool
                    s.execute("reset max_parallel_workers_per_gather");
                }
            }
        }
        assertThat(result).hasSizeGreaterThan(15);
        return result;
    }
}
