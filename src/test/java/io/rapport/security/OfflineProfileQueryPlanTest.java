package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.PagingInfo;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnPostgres;
import io.rapport.webapi.OfflineScopes;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * The shape and plan of the offline profile's queries on PostgreSQL (benchmark 11 timed out on them at 1,000,000
 * accounts): a salesperson's first-sync page of "contacts of my accounts" is a semi-join ({@code EXISTS}) on the
 * account's primary key and owner, not a join, and keyset-paged on the version (no {@code OFFSET}); "my accounts" and
 * the contacts' page are read through indexes, never a sequential scan of the account or contact table, once the
 * tables hold enough rows of other owners for the planner to care (100,000 accounts and contacts, made and analysed
 * inside a transaction that is rolled back, so the shared database keeps none of them).
 */
@OnPostgres
@TestPropertySource(properties = {"rapport.change-tracking.commit-lag=0s",
        "rapport.change-tracking.sample-interval=0s"})
class OfflineProfileQueryPlanTest {

    private static final int OTHERS = 100_000;

    @Autowired
    OrganizationService org;

    @Autowired
    DSLContext dsl;

    @Autowired
    DataSource dataSource;

    @Autowired
    OfflineScopes scopes;

    @Test
    void theProfilesPagesAreSemiJoinsOnIndexedColumnsAndUseIndexes() throws Exception {
        SecurityFixture f = new SecurityFixture(org);
        UUID unit = f.businessUnit("Plan", f.rootUnit());
        UUID sam = f.user("plansam", unit, "Salesperson");
        UUID other = f.user("planother", unit, "Salesperson");
        UUID account = f.account(sam, "plan account");
        f.as(sam).create(new Entity("contact").set("lastname", "plan contact " + f.run)
                .set("parentcustomerid", new EntityReference("account", account)));
        UUID othersAccount = f.account(other, "plan others account");
        UUID othersContact = f.as(other).create(new Entity("contact").set("lastname", "plan others " + f.run)
                .set("parentcustomerid", new EntityReference("account", othersAccount)));
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        List<Map<String, Object>> saved = jdbc.queryForList("select setting_key, setting_value from "
                + "sys_offline_setting where setting_key in ('rows:accounts', 'rows:contacts')");
        jdbc.update("delete from sys_offline_setting where setting_key in ('rows:accounts', 'rows:contacts')");
        jdbc.update("insert into sys_offline_setting (setting_key, setting_value) values ('rows:accounts', 'mine'), "
                + "('rows:contacts', 'my-accounts')");
        String contacts;
        String accounts;
        try {
            contacts = firstPage(f, sam, "contact", "lastname", "parentcustomerid");
            accounts = firstPage(f, sam, "account", "name");
        } finally {
            jdbc.update("delete from sys_offline_setting where setting_key in ('rows:accounts', 'rows:contacts')");
            saved.forEach(s -> jdbc.update("insert into sys_offline_setting (setting_key, setting_value) values (?, ?)",
                    s.get("setting_key"), s.get("setting_value")));
        }
        String lower = contacts.toLowerCase();
        // the profile's filter: a semi-join on the account's key and owner, keyset-paged on the version
        // (the left outer joins are the parent customer's name, by primary key)
        assertThat(lower).contains("exists (select 1 as \"one\" from \"account\" as ")
                .containsPattern("\"x\\d+\"\\.\"accountid\" = \"r\"\\.\"parentcustomerid\"")
                .containsPattern("\"x\\d+\"\\.\"ownerid\" = cast\\('" + sam + "' as uuid\\)")
                .contains("\"r\".\"versionnumber\" > ").contains("order by \"r\".\"versionnumber\" asc")
                .containsPattern("(fetch next|limit) 502( rows only)?$").doesNotContain("offset")
                .doesNotContain("offline_account").doesNotContain("inner join");
        assertThat(accounts.toLowerCase()).contains("\"r\".\"ownerid\" = cast('" + sam + "' as uuid)")
                .contains("order by \"r\".\"versionnumber\" asc").doesNotContain("offset");

        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // account g and its contact g (ids derived from g, so that the contact points at its account)
                copies(s, "account", othersAccount, Map.of("accountid", "md5('plan account ' || g)::uuid",
                        "name", "'plan copy ' || g", "accountnumber", "null"));
                copies(s, "contact", othersContact, Map.of("contactid", "gen_random_uuid()",
                        "lastname", "'plan copy ' || g", "parentcustomerid", "md5('plan account ' || g)::uuid"));
                s.execute("analyze account");
                s.execute("analyze contact");
                String contactPlan = plan(s, contacts);
                String accountPlan = plan(s, accounts);
                assertThat(contactPlan).as(contactPlan).doesNotContain("Seq Scan on contact")
                        .doesNotContain("Seq Scan on account").contains("Index");
                assertThat(accountPlan).as(accountPlan).doesNotContain("Seq Scan on account").contains("Index");
            } finally {
                c.rollback();
            }
        }
    }

    /** The SQL of the salesperson's first delta page of the entity under the profile (captured as jOOQ runs it). */
    private String firstPage(SecurityFixture f, UUID user, String entity, String... columns) {
        QueryExpression scope = scopes.scope(f.caller(user), entity).orElseThrow();
        List<String> sql = capture(() -> f.as(user).execute(new ActionRequest("RetrieveEntityChanges", Map.of(
                "EntityName", entity, "Columns", List.of(columns), "Scope", scope,
                "PageInfo", new PagingInfo(1, 500, null, false), "FormattedValues", false))));
        return sql.stream().filter(s -> s.toLowerCase().contains("from \"" + entity + "\"")
                && s.toLowerCase().contains("versionnumber")).findFirst()
                .orElseThrow(() -> new AssertionError("No page query among " + sql));
    }

    /** Every statement jOOQ runs meanwhile, with its values inlined. */
    private List<String> capture(Runnable work) {
        List<String> sql = new CopyOnWriteArrayList<>();
        Configuration configuration = dsl.configuration();
        ExecuteListenerProvider[] before = configuration.executeListenerProviders();
        ExecuteListenerProvider[] with = Arrays.copyOf(before, before.length + 1);
        with[before.length] = () -> new ExecuteListener() {
            @Override
            public void executeStart(ExecuteContext ctx) {
                if (ctx.query() != null) {
                    // a kept statement (store.internal.ListStatements) is plain SQL whose template already casts
                    // its binds: inlined, a value comes out cast twice
                    sql.add(ctx.dsl().renderInlined(ctx.query())
                            .replaceAll("cast\\((cast\\('[^']*' as uuid\\)) as uuid\\)", "$1"));
                }
            }
        };
        configuration.set(with);
        try {
            work.run();
        } finally {
            configuration.set(before);
        }
        return sql;
    }

    /**
     * {@value #OTHERS} copies of one row of another owner (new ids and versions), inside the caller's transaction.
     */
    private static void copies(Statement s, String table, UUID of, Map<String, String> values) throws Exception {
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("select column_name from information_schema.columns where table_name = '"
                + table + "' and table_schema = current_schema() order by ordinal_position")) {
            while (rs.next()) {
                columns.add(rs.getString(1));
            }
        }
        String select = columns.stream().map(c -> c.equals("versionnumber") ? "nextval('sys_row_version')"
                : values.getOrDefault(c, "t." + c)).collect(Collectors.joining(", "));
        s.executeUpdate("insert into " + table + " (" + String.join(", ", columns) + ") select " + select + " from "
                + table + " t cross join generate_series(1, " + OTHERS + ") g where t." + table + "id = '" + of + "'");
    }

    private static String plan(Statement s, String sql) throws Exception {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rs = s.executeQuery("explain " + sql)) {
            while (rs.next()) {
                plan.append(rs.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
