package io.rapport.bench;

import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark 6: a change-tracking delta (RetrieveEntityChanges through the pipeline, as the administrator) that finds
 * 100 changed accounts among all of them, against the same read in hand-written SQL (the version-index range and the
 * tombstone range). Target: p95 at most 20 ms.
 */
final class DeltaSuite {

    static final int CHANGED = 100;

    private DeltaSuite() {
    }

    static List<BenchResult> run(BenchSettings s) throws Exception {
        Map<String, String> props = new HashMap<>(BenchDatabase.properties());
        props.put("rapport.change-tracking.commit-lag", "0s");
        try (BenchApps.Lease lease = BenchApps.start(props)) {
            ConfigurableApplicationContext app = lease.app();
            DataSource db = app.getBean(DataSource.class);
            WebApiSuite.ensureAccounts(app, db, s.accounts());
            OrganizationService org = app.getBean(OrganizationService.class);
            OrganizationService system = org.as(app.getBean(CallerProvider.class).system());
            UUID admin = system.retrieveMultiple(QueryExpression.from("systemuser").columns(ColumnSet.none())
                    .where(Condition.eq("domainname", "admin")).build()).entities().get(0).id();
            OrganizationService asAdmin = org.as(app.getBean(CallerProvider.class).forUser(admin, Channel.API));
            long before = maxVersion(db);
            long now = System.currentTimeMillis();
            // a data version as a client holds it after its last sync: everything up to "before" delivered
            String token = before + "!" + now + "!" + before + "!" + before + "!" + now;
            for (UUID id : someAccounts(db, CHANGED)) {
                system.update(new Entity("account", id).set("telephone1", "555 " + before));
            }
            // as the Web API asks it for a sync client: no formatted values (Prefer: odata.include-annotations not set)
            Map<String, Object> params = Map.of("EntityName", "account", "DataVersion", token,
                    "Columns", List.of("name", "accountnumber", "telephone1"), "FormattedValues", false);
            int changes = changes(asAdmin, params);
            if (changes != CHANGED) {
                throw new IllegalStateException("The delta holds " + changes + " changes, not " + CHANGED);
            }
            int warm = s.full() ? 5 : 0;
            int secs = s.full() ? 20 : 1;
            LoadDriver.Result delta = LoadDriver.run(1, warm, secs, (t, n) -> changes(asAdmin, params));
            LoadDriver.Result sql = LoadDriver.run(1, warm, secs, (t, n) -> handWritten(db, before));
            double ratio = sql.throughput() / delta.throughput();
            return List.of(new BenchResult("change-tracking delta (" + CHANGED + " changed of " + s.accounts() + ")",
                    "RetrieveEntityChanges", delta.throughput(), "hand-written SQL", sql.throughput(), "deltas/s",
                    ratio, "p95 <= 20 ms", delta.p95() <= 20.0, String.format(Locale.ROOT,
                            "1 thread in process; p95 %.1f ms vs %.1f ms; p50 %.1f ms", delta.p95(), sql.p95(),
                            delta.p50())));
        }
    }

    @SuppressWarnings("unchecked")
    private static int changes(OrganizationService org, Map<String, Object> params) {
        Map<String, Object> result = (Map<String, Object>) org.execute(new ActionRequest("RetrieveEntityChanges",
                params)).output("EntityChanges");
        return ((List<?>) result.get("Changes")).size();
    }

    private static void handWritten(DataSource db, long after) throws Exception {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("select accountid, versionnumber, name, accountnumber, "
                    + "telephone1 from account where versionnumber > ? order by versionnumber limit 5001")) {
                ps.setLong(1, after);
                drain(ps);
            }
            try (PreparedStatement ps = c.prepareStatement("select objectid, rowversion from sys_change_tombstone "
                    + "where entityname = 'account' and rowversion > ? and kind = 'deleted' order by rowversion "
                    + "limit 5001")) {
                ps.setLong(1, after);
                drain(ps);
            }
        }
    }

    private static void drain(PreparedStatement ps) throws Exception {
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rs.getObject(1);
            }
        }
    }

    private static long maxVersion(DataSource db) throws Exception {
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select max(versionnumber) from account")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static List<UUID> someAccounts(DataSource db, int count) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select accountid from account order by accountnumber desc limit "
                        + count)) {
            while (rs.next()) {
                ids.add((UUID) rs.getObject(1));
            }
        }
        return ids;
    }
}
