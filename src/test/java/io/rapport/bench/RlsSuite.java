package io.rapport.bench;

import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.Filter;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmark 3: the same list query (active accounts by name, 50 rows) as a salesperson reading at user depth, whose
 * rows are filtered in SQL by owner and sharing, against the same query as a system administrator, who sees every row.
 */
final class RlsSuite {

    private static final String OWN_ACCOUNTS = "Own accounts (benchmark)";

    private RlsSuite() {
    }

    static List<BenchResult> run(BenchSettings s) throws Exception {
        Map<String, String> props = new HashMap<>(BenchDatabase.properties());
        int threads = Integer.getInteger("bench.threads", 8);
        try (BenchApps.Lease lease = BenchApps.start(props)) {
            ConfigurableApplicationContext app = lease.app();
            WebApiSuite.ensureAccounts(app, app.getBean(javax.sql.DataSource.class), s.accounts());
            OrganizationService org = app.getBean(OrganizationService.class);
            CallerProvider callers = app.getBean(CallerProvider.class);
            OrganizationService system = org.as(callers.system());
            UUID seller = ownerOfManyAccounts(system);
            // user depth, so that the row filter does the work (Salesperson reads every account, as in Dynamics)
            UUID unit = businessUnitOf(system, seller);
            UUID role = system.retrieveMultiple(QueryExpression.from("role").columns(ColumnSet.none())
                    .where(Filter.and(Condition.eq("name", OWN_ACCOUNTS), Condition.eq("businessunitid", unit)))
                    .build()).entities().stream().findFirst().map(Entity::id).orElseGet(() -> {
                        UUID id = system.create(new Entity("role").set("name", OWN_ACCOUNTS)
                                .set("businessunitid", new EntityReference("businessunit", unit)));
                        system.execute(new io.rapport.pipeline.ActionRequest("AddPrivilegesRole",
                                new EntityReference("role", id), Map.of("Privileges", List.of(Map.of(
                                        "PrivilegeName", "prvReadAccount", "Depth", "Basic")))));
                        return id;
                    });
            boolean hasRole = !system.retrieveMultiple(QueryExpression.from("systemuserroles")
                    .where(Filter.and(Condition.eq("systemuserid", seller), Condition.eq("roleid", role))).build())
                    .entities().isEmpty();
            if (!hasRole) {
                system.associate(new EntityReference("systemuser", seller), "systemuserroles_association",
                        List.of(new EntityReference("role", role)));
            }
            UUID admin = system.retrieveMultiple(QueryExpression.from("systemuser").columns(ColumnSet.none())
                    .where(Condition.eq("domainname", "admin")).build()).entities().get(0).id();
            OrganizationService asSeller = org.as(callers.forUser(seller, Channel.API));
            OrganizationService asAdmin = org.as(callers.forUser(admin, Channel.API));
            QueryExpression q = QueryExpression.from("account").select("name", "accountnumber", "revenue",
                    "address1_city").where(Condition.eq("statecode", 0)).orderBy(Order.asc("name")).top(50).build();
            int rows = asSeller.retrieveMultiple(q).size();
            if (rows == 0) {
                throw new IllegalStateException("The salesperson sees no account; the benchmark would measure nothing");
            }
            int warm = s.full() ? 5 : 0;
            int secs = s.full() ? 20 : 1;
            int turns = s.full() ? 4 : 1;
            // in turns, so that the JIT's compiling after the start does not fall on the salesperson's side alone
            LoadDriver.Result[] both = LoadDriver.compare(threads, warm, secs, turns,
                    (t, n) -> asSeller.retrieveMultiple(q), (t, n) -> asAdmin.retrieveMultiple(q));
            LoadDriver.Result filtered = both[0];
            LoadDriver.Result all = both[1];
            double ratio = all.throughput() / filtered.throughput();
            return List.of(new BenchResult("row security (list of 50)", "as salesperson (own rows)",
                    filtered.throughput(), "as system administrator", all.throughput(), "queries/s", ratio,
                    "<= 1.3x (issue 19)", ratio <= 1.3, String.format(java.util.Locale.ROOT,
                            "%d threads in process, both warmed %d s, then measured in %d turns of %d s each; "
                            + "p95 %.1f ms vs %.1f ms; salesperson page %d rows", threads, warm, turns, secs / turns,
                            filtered.p95(), all.p95(), rows)));
        }
    }

    /** A generated user who owns accounts, so the salesperson's page is full. */
    private static UUID ownerOfManyAccounts(OrganizationService system) {
        Entity any = system.retrieveMultiple(QueryExpression.from("account").select("ownerid")
                .where(Condition.eq("statecode", 0)).orderBy(Order.asc("accountnumber")).top(1).build())
                .entities().get(0);
        return any.getReference("ownerid").id();
    }

    private static UUID businessUnitOf(OrganizationService system, UUID user) {
        return system.retrieve("systemuser", user, ColumnSet.of("businessunitid")).getReference("businessunitid").id();
    }
}
