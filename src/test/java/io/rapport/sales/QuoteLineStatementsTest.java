package io.rapport.sales;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.Principals;
import io.rapport.testing.SalesCatalog;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.jooq.ExecuteContext;
import org.jooq.ExecuteListener;
import org.jooq.ExecuteListenerProvider;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A quote's totals are recomputed from one aggregate over its lines, not by reading them: adding the 20th line of a
 * quote as a salesperson runs exactly the statements adding the 2nd does, and only one of them reads the quote's lines
 * (the sum). Counted with a jOOQ execute listener on the calling thread.
 */
@OnH2
@Import(QuoteLineStatementsTest.Counting.class)
class QuoteLineStatementsTest {

    /** Statements adding a line on main before the cuts of branch f-sales13 (measured with this test's count). */
    static final int BEFORE = 31;

    /** The SQL statements run on the current thread while recording. */
    static final class Statements implements ExecuteListener {
        private static final ThreadLocal<List<String>> RECORDED = new ThreadLocal<>();

        @Override
        public void executeStart(ExecuteContext ctx) {
            List<String> recorded = RECORDED.get();
            if (recorded != null) {
                recorded.add(ctx.sql());
            }
        }

        static List<String> during(Runnable work) {
            List<String> recorded = new ArrayList<>();
            RECORDED.set(recorded);
            try {
                work.run();
            } finally {
                RECORDED.remove();
            }
            return recorded;
        }
    }

    @TestConfiguration
    static class Counting {
        @Bean
        ExecuteListenerProvider statementRecorder() {
            return new DefaultExecuteListenerProvider(new Statements());
        }
    }

    @Autowired
    OrganizationService org;

    @Autowired
    io.rapport.audit.AuditLog audit;

    @Test
    void aLineAddCostsTheSameStatementsOnALongQuote() {
        SalesCatalog catalog = new SalesCatalog(org);
        Principals people = new Principals(org);
        UUID unit = people.businessUnit("Statements " + catalog.run, people.rootUnit());
        UUID sellerUser = people.user("counter", unit, "Salesperson");
        OrganizationService seller = people.as(sellerUser);
        UUID account = seller.create(new Entity("account").set("name", "Statements " + catalog.run));
        UUID quote = seller.create(new Entity("quote").set("name", "Twenty lines")
                .set("customerid", new EntityReference("account", account))
                .set("pricelevelid", new EntityReference("pricelevel", catalog.priceList)));
        List<List<String>> perLine = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            Entity line = new Entity("quotedetail").set("quoteid", new EntityReference("quote", quote))
                    .set("productid", new EntityReference("product", catalog.laptop))
                    .set("uomid", new EntityReference("uom", catalog.each)).set("quantity", BigDecimal.valueOf(i))
                    .set("tax", BigDecimal.ONE);
            perLine.add(Statements.during(() -> seller.create(line)));
        }
        // Σ n × 1,250.00 less the volume discount (2 % from 5, 4 % from 10), 1.00 tax each
        Entity totals = seller.retrieve("quote", quote, io.rapport.query.ColumnSet.of("totallineitemamount",
                "totaltax", "totalamount"));
        assertThat(totals.getDecimal("totallineitemamount")).isEqualByComparingTo("253375.00");
        assertThat(totals.getDecimal("totaltax")).isEqualByComparingTo("20.00");
        assertThat(totals.getDecimal("totalamount")).isEqualByComparingTo("253395.00");

        // the metadata and security version polls run when their interval has passed, whichever line that is
        List<String> second = withoutVersionPolls(perLine.get(1));
        List<String> twentieth = withoutVersionPolls(perLine.get(19));
        assertThat(twentieth).as("statements adding line 20 vs line 2").hasSize(second.size());
        List<String> lineReads = twentieth.stream().map(s -> s.toLowerCase(Locale.ROOT))
                // H2 answers an insert as "select … from final table (insert into …)": that is the write, not a read
                .filter(s -> s.startsWith("select") && s.contains("\"quotedetail\"") && !s.contains("insert into"))
                .toList();
        assertThat(lineReads).as("reads of the quote's lines while adding line 20: %s", twentieth).hasSize(1);
        assertThat(lineReads.get(0)).contains("sum(");
        System.out.printf("quote line add (line 2): %d statements%n%s%n", second.size(), String.join("\n", second));

        // the quote's totals are written as derived values: one UPDATE of the quote and no nested Update (whose
        // pre-image would be a read of the whole quote: the line reads the quote's pricing columns once, besides the
        // lookup's existence check and the caller's append-to check)
        List<String> lowered = second.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        assertThat(lowered.stream().filter(s -> s.contains("update \"quote\""))).as("%s", second).hasSize(1);
        assertThat(lowered.stream().filter(s -> s.startsWith("select \"r\".\"quoteid\""))).as("%s", second)
                .hasSize(2);
        // 20: the currency's precision is read once per request (20 at 683f870 only because an as(caller) service
        // carried its shared variables, and that read, over from one request to the next); 21 before branch quote13b,
        // which checks the unit the line's pricing sets again only if the request has not found it yet (RecordReads);
        // 19 since branch quote13c: the line's, the quote's and the account's audit rows in one batch (was two writes)
        assertThat(second).as("statements adding line 2 (%d on main before: per-line header, currency and "
                + "discount list reads, nested Update of the quote, all eight account rollups)", BEFORE).hasSize(19);
        assertThat(lowered.stream().filter(s -> s.contains("\"sys_audit\""))).as("%s", second).hasSize(1);

        // CalculatePrice at a new list price prices the 20 lines again and writes the quote's totals and its
        // customer's open quote value once each: 10 × 1,300.00 + 35 × 1,274.00 + 165 × 1,248.00 + 20.00 tax
        UUID item = org.retrieveMultiple(io.rapport.query.QueryExpression.from("productpricelevel")
                .columns(io.rapport.query.ColumnSet.none())
                .where(io.rapport.query.Condition.eq("pricelevelid", catalog.priceList))
                .where(io.rapport.query.Condition.eq("productid", catalog.laptop)).top(1).build()).entities().get(0).id();
        org.update(new Entity("productpricelevel", item).set("amount", new BigDecimal("1300.00")));
        List<String> recalculation = withoutVersionPolls(Statements.during(() -> seller.execute(
                new io.rapport.pipeline.ActionRequest("CalculatePrice", java.util.Map.of("Target",
                        new EntityReference("quote", quote))))));
        System.out.printf("CalculatePrice of 20 lines: %d statements%n%s%n", recalculation.size(),
                String.join("\n", recalculation));
        List<String> recalculated = recalculation.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        // the 20 lines as one UpdateMultiple: their quantities read, their pre-images read in one query, their rows
        // written in one batch, their 20 audit rows in one batch with the quote's and the account's (57 before branch
        // quote13c: each line's pre-image, UPDATE and audit row)
        assertThat(recalculation).as("statements of CalculatePrice of 20 lines").hasSize(CALCULATE_PRICE);
        assertThat(recalculated.stream().filter(s -> s.contains("update \"quotedetail\""))).as("%s", recalculation)
                .hasSize(1);
        assertThat(recalculated.stream().filter(s -> s.startsWith("select \"r\".\"quotedetailid\"")))
                .as("the lines' read and their pre-images: %s", recalculation).hasSize(2);
        assertThat(recalculated.stream().filter(s -> s.contains("\"sys_audit\""))).as("%s", recalculation)
                .hasSize(1);
        assertThat(recalculated.stream().filter(s -> s.contains("update \"quote\""))).as("%s", recalculation)
                .hasSize(1);
        assertThat(recalculated.stream().filter(s -> s.contains("update \"account\""))).as("%s", recalculation)
                .hasSize(1);
        assertThat(seller.retrieve("quote", quote, io.rapport.query.ColumnSet.of("totalamount"))
                .getDecimal("totalamount")).isEqualByComparingTo("263530.00");
        // each line audited as its own Update would audit it: by the salesperson, the changed amounts, old and new
        List<Entity> lines = org.retrieveMultiple(io.rapport.query.QueryExpression.from("quotedetail")
                .columns(io.rapport.query.ColumnSet.of("quantity"))
                .where(io.rapport.query.Condition.eq("quoteid", quote)).build()).entities();
        assertThat(lines).hasSize(20);
        for (Entity l : lines) {
            int n = l.getDecimal("quantity").intValueExact();
            List<io.rapport.audit.AuditEntry> history = audit.history("quotedetail", l.id(), 1, 5);
            assertThat(history).extracting(io.rapport.audit.AuditEntry::operation).containsExactly("Update", "Create");
            io.rapport.audit.AuditEntry update = history.get(0);
            assertThat(update.userId()).isEqualTo(sellerUser);
            assertThat(update.channel()).isEqualTo(history.get(1).channel());
            BigDecimal volumeBefore = n >= 10 ? new BigDecimal("50") : n >= 5 ? new BigDecimal("25") : BigDecimal.ZERO;
            BigDecimal volumeAfter = n >= 10 ? new BigDecimal("52") : n >= 5 ? new BigDecimal("26") : BigDecimal.ZERO;
            BigDecimal q = BigDecimal.valueOf(n);
            java.util.Map<String, BigDecimal[]> expected = new java.util.LinkedHashMap<>();
            expected.put("priceperunit", new BigDecimal[] {new BigDecimal("1250"), new BigDecimal("1300")});
            if (n >= 5) {
                expected.put("volumediscountamount", new BigDecimal[] {volumeBefore, volumeAfter});
            }
            BigDecimal before = q.multiply(new BigDecimal("1250").subtract(volumeBefore));
            BigDecimal after = q.multiply(new BigDecimal("1300").subtract(volumeAfter));
            expected.put("baseamount", new BigDecimal[] {before, after});
            expected.put("extendedamount", new BigDecimal[] {before.add(BigDecimal.ONE), after.add(BigDecimal.ONE)});
            for (String amount : List.copyOf(expected.keySet())) {
                expected.put(amount + "_base", expected.get(amount));
            }
            assertThat(update.changes()).as("line %d", n).containsOnlyKeys(expected.keySet());
            expected.forEach((attribute, values) -> {
                io.rapport.audit.AttributeChange change = update.changes().get(attribute);
                assertThat(new BigDecimal(change.oldValue().toString())).as("line %d %s old", n, attribute)
                        .isEqualByComparingTo(values[0]);
                assertThat(new BigDecimal(change.newValue().toString())).as("line %d %s new", n, attribute)
                        .isEqualByComparingTo(values[1]);
            });
        }
        assertThat(seller.retrieve("account", account, io.rapport.query.ColumnSet.of("openquotevalue"))
                .getDecimal("openquotevalue")).isEqualByComparingTo("263530.00");
    }

    /**
     * SQL statements per catalog line of a quote created with its lines in one deep insert (measured): the INSERT. Before
     * branch quote13b 9: the lookups' three existence checks, the quote's owner for the Append To check, the quote's
     * header and the existence checks of the unit and currency pricing sets, read again for every line; now read once
     * per unit ({@code RecordReads}); before branch quote13c 2, with the line's audit row, now written with the unit's
     * others in one batch at its end.
     */
    static final int DEEP_INSERT_LINE = 1;

    /** SQL statements of CalculatePrice on a quote of 20 lines at a new list price, version polls left out (H2). */
    static final int CALCULATE_PRICE = 19;

    /**
     * A quote created with its lines in one unit of work, as the Web API's deep insert runs it (the quote, then each
     * of its lines, in one {@code inTransaction}): each line costs the same fixed statements whatever the number of
     * lines; the catalog (product, unit, price list item, discount list) is read once, the totals once (one sum, one
     * UPDATE of the quote) and the customer's open quote value once (one UPDATE of the account) for the whole quote.
     */
    @Test
    void aDeepInsertReadsTheCatalogAndWritesTheTotalsOnce() {
        SalesCatalog catalog = new SalesCatalog(org);
        Principals people = new Principals(org);
        UUID unit = people.businessUnit("Deep statements " + catalog.run, people.rootUnit());
        OrganizationService seller = people.as(people.user("deep-counter", unit, "Salesperson"));
        UUID account = seller.create(new Entity("account").set("name", "Deep statements " + catalog.run));
        // warm: the first quote of the account seeds what later ones only read
        deepInsert(seller, catalog, account, 1);
        List<String> two = withoutVersionPolls(Statements.during(() -> deepInsert(seller, catalog, account, 2)));
        List<String> twenty = withoutVersionPolls(Statements.during(() -> deepInsert(seller, catalog, account, 20)));
        System.out.printf("deep insert of a quote with 2 lines: %d statements, with 20: %d%n%s%n", two.size(),
                twenty.size(), String.join("\n", twenty));
        assertThat((twenty.size() - two.size()) % 18).as("the same statements for each line").isZero();
        assertThat((twenty.size() - two.size()) / 18).as("statements per line of a deep insert")
                .isEqualTo(DEEP_INSERT_LINE);
        List<String> lowered = twenty.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        assertThat(lowered.stream().filter(s -> s.contains("update \"quote\""))).as("%s", twenty).hasSize(1);
        assertThat(lowered.stream().filter(s -> s.contains("update \"account\""))).as("%s", twenty).hasSize(1);
        // the audit rows of the quote, its 20 lines, its totals and the account: one batch at the unit's end
        assertThat(lowered.stream().filter(s -> s.contains("\"sys_audit\""))).as("%s", twenty).hasSize(1);
        assertThat(lowered.stream().filter(s -> s.startsWith("select") && s.contains("\"quotedetail\"")
                && !s.contains("insert into"))).as("%s", twenty).singleElement()
                .satisfies(sum -> assertThat(sum).contains("sum("));
        for (String catalogTable : List.of("\"productpricelevel\"", "\"product\"", "\"uom\"", "\"discount\"")) {
            // reads of the row ("select exists" are the lookups' existence checks, one per line)
            assertThat(lowered.stream().filter(s -> s.startsWith("select \"r\".")
                    && s.contains("from " + catalogTable + " \"r\"")))
                    .as("reads of %s: %s", catalogTable, twenty).hasSize(1);
        }
        assertThat(seller.retrieveMultiple(io.rapport.query.QueryExpression.from("quote")
                .columns(io.rapport.query.ColumnSet.of("totalamount"))
                .where(io.rapport.query.Condition.eq("customerid", account))
                .where(io.rapport.query.Condition.eq("name", "Deep 20")).build()).entities()).singleElement()
                .satisfies(q -> assertThat(q.getDecimal("totalamount")).isEqualByComparingTo("253395.00"));
    }

    private static void deepInsert(OrganizationService seller, SalesCatalog catalog, UUID account, int lines) {
        seller.inTransaction(() -> {
            UUID quote = seller.create(new Entity("quote").set("name", "Deep " + lines)
                    .set("customerid", new EntityReference("account", account))
                    .set("pricelevelid", new EntityReference("pricelevel", catalog.priceList)));
            for (int i = 1; i <= lines; i++) {
                seller.create(new Entity("quotedetail").set("quoteid", new EntityReference("quote", quote))
                        .set("productid", new EntityReference("product", catalog.laptop))
                        .set("uomid", new EntityReference("uom", catalog.each)).set("quantity", BigDecimal.valueOf(i))
                        .set("tax", BigDecimal.ONE));
            }
            return quote;
        });
    }

    private static List<String> withoutVersionPolls(List<String> statements) {
        return statements.stream().filter(s -> !s.contains("\"sys_metadata_version\"")
                && !s.contains("\"sys_security_version\"")).toList();
    }
}
