package io.rapport.bench;

import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.Principals;
import io.rapport.testing.SalesCatalog;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Benchmarks 9 and 10 (suite {@code sales}), issue 13's targets.
 *
 * <ul>
 * <li>A quote with 20 lines, created and recalculated through the pipeline as a salesperson: the quote (numbered,
 * currency and exchange rate from its price list) with its 20 catalog lines in one deep insert (each line priced from
 * the price list with the volume discount; the totals computed once at the end of the insert's transaction), then
 * {@code CalculatePrice} on the quote (every line priced again, the totals again); one operation, single thread. Floor: the same rows (the quote, its 20 lines, the totals) written
 * with plain SQL in one transaction. Target: p95 at most 50 ms.</li>
 * <li>100,000 invoices (generated once with one {@code INSERT … SELECT}, 100 per customer) listed by customer over the
 * Web API, a page of 50 ordered by creation date, newest first; floor: the same page in hand-written SQL. Target: p95
 * at most 50 ms.</li>
 * </ul>
 */
final class SalesSuite {

    static final int LINES = 20;
    private static final String CUSTOMER = "Sales bench customer ";
    private static final String INVOICE = "Bench invoice ";

    private SalesSuite() {
    }

    static List<BenchResult> run(BenchSettings s) throws Exception {
        Map<String, String> props = new HashMap<>(BenchDatabase.properties());
        props.put("rapport.webapi.rate-limit-requests", "100000000");
        props.put("rapport.webapi.concurrency-limit", "1000");
        int invoices = s.full() ? 100_000 : 2_000;
        int customers = invoices / 100;
        int threads = Integer.getInteger("bench.threads", 8);
        int warm = s.full() ? 5 : 0;
        // bench.seconds: a longer measuring window for a short run (a before/after probe of the quote)
        int secs = Integer.getInteger("bench.seconds", s.full() ? 20 : 1);
        try (BenchApps.Lease lease = BenchApps.start(props)) {
            ConfigurableApplicationContext app = lease.app();
            DataSource db = app.getBean(DataSource.class);
            OrganizationService org = app.getBean(OrganizationService.class);
            CallerProvider callers = app.getBean(CallerProvider.class);
            OrganizationService system = org.as(callers.system());
            Quotes quotes = Quotes.prepare(app);
            SalesCatalog catalog = quotes.catalog;
            LoadDriver.Result quote = LoadDriver.run(1, warm, secs, (t, n) -> quotes.pipeline());
            LoadDriver.Result quoteSql = LoadDriver.run(1, warm, secs, (t, n) -> quotes.sql(n));

            List<UUID> ids = ensureInvoices(system, db, callers, catalog, customers, invoices);
            String origin = "http://127.0.0.1:" + ((WebServerApplicationContext) app).getWebServer().getPort();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String auth = "Bearer " + WebApiSuite.token(http, origin + "/api/data/v9.2/");
            List<String> pages = ids.stream().map(id -> "/api/data/v9.2/invoices?$select=invoicenumber,name,"
                    + "totalamount,statecode&$filter=_customerid_value%20eq%20" + id
                    + "&$orderby=createdon%20desc&$top=50").toList();
            int rows = page(http, origin + pages.get(0), auth);
            if (rows != 50) {
                throw new IllegalStateException("A customer's first page of invoices has " + rows + " rows, not 50");
            }
            LoadDriver.Result list = WrkDriver.available()
                    ? WrkDriver.run(origin, pages, auth, threads, warm, secs)
                    : LoadDriver.run(threads, warm, secs, (t, n) -> page(http, origin
                            + pages.get((int) ((n * 31 + t * 997) % pages.size())), auth));
            LoadDriver.Result listSql = LoadDriver.run(threads, warm, secs, (t, n) -> invoicesSql(db,
                    ids.get((int) ((n * 31 + t * 997) % ids.size()))));
            return List.of(
                    new BenchResult("quote with " + LINES + " lines (create + CalculatePrice)",
                            "pipeline as salesperson", quote.throughput(), "plain SQL of the same rows",
                            quoteSql.throughput(), "quotes/s", quoteSql.throughput() / quote.throughput(),
                            "p95 <= 50 ms", quote.p95() <= 50.0, String.format(Locale.ROOT,
                                    "1 thread in process; p50/p95 %.1f/%.1f ms vs %.1f/%.1f ms", quote.p50(),
                                    quote.p95(), quoteSql.p50(), quoteSql.p95())),
                    new BenchResult("invoices by customer (" + invoices + " invoices, page of 50)",
                            "GET invoices?$filter=_customerid_value&$orderby", list.throughput(),
                            "hand-written SQL", listSql.throughput(), "req/s",
                            listSql.throughput() / list.throughput(), "p95 <= 50 ms", list.p95() <= 50.0,
                            String.format(Locale.ROOT, "%d clients (%s); p50/p95 %.1f/%.1f ms vs %.1f/%.1f ms",
                                    threads, WrkDriver.available() ? "wrk" : "Java client", list.p50(), list.p95(),
                                    listSql.p50(), listSql.p95())));
        }
    }

    /** The measured quote: through the pipeline, and the same rows in plain SQL. */
    static final class Quotes {

        /**
         * Σ over n = 1..20 of n laptops at 1,250.00 less the volume discount (2 % from 5, 4 % from 10) with 1.00 tax
         * each: detail amount 12,500.00 + 42,875.00 + 198,000.00 = 253,375.00, tax 20.00.
         */
        static final BigDecimal EXPECTED_TOTAL = new BigDecimal("253395.00");

        private final OrganizationService seller;
        private final DataSource db;
        final SalesCatalog catalog;
        private final UUID account;
        private final UUID owner;
        private final UUID unit;

        Quotes(OrganizationService seller, DataSource db, SalesCatalog catalog, UUID account, UUID owner, UUID unit) {
            this.seller = seller;
            this.db = db;
            this.catalog = catalog;
            this.account = account;
            this.owner = owner;
            this.unit = unit;
        }

        /**
         * A catalog of this run, a salesperson in a business unit of their own and the account the quotes are for;
         * one quote created and checked to the cent.
         */
        static Quotes prepare(ConfigurableApplicationContext app) {
            OrganizationService system = app.getBean(OrganizationService.class)
                    .as(app.getBean(CallerProvider.class).system());
            SalesCatalog catalog = new SalesCatalog(system);
            Principals principals = new Principals(system);
            UUID unit = principals.businessUnit("Sales bench " + catalog.run, principals.rootUnit());
            UUID seller = principals.user("bench-seller", unit, "Salesperson");
            UUID account = system.create(new Entity("account").set("name", "Quote bench " + catalog.run));
            Quotes quotes = new Quotes(principals.as(seller), app.getBean(DataSource.class), catalog, account, seller,
                    unit);
            BigDecimal total = quotes.pipeline();
            if (total.compareTo(EXPECTED_TOTAL) != 0) {
                throw new IllegalStateException("The 20-line quote totals " + total + ", not " + EXPECTED_TOTAL);
            }
            return quotes;
        }

        /**
         * The quote with its 20 lines as a client creates it in one request, a deep insert ({@code POST quotes} with
         * the lines in {@code quote_details}: the Web API's RecordCreator runs exactly these creates in one
         * transaction), then {@code CalculatePrice} on it.
         */
        BigDecimal pipeline() {
            return calculate(create());
        }

        /** The deep insert of the quote with its lines. */
        UUID create() {
            return seller.inTransaction(() -> {
                UUID created = seller.create(new Entity("quote").set("name", "Bench quote")
                        .set("customerid", new EntityReference("account", account))
                        .set("pricelevelid", new EntityReference("pricelevel", catalog.priceList)));
                for (int i = 1; i <= LINES; i++) {
                    seller.create(new Entity("quotedetail").set("quoteid", new EntityReference("quote", created))
                            .set("productid", new EntityReference("product", catalog.laptop))
                            .set("uomid", new EntityReference("uom", catalog.each))
                            .set("quantity", BigDecimal.valueOf(i)).set("tax", BigDecimal.ONE));
                }
                return created;
            });
        }

        /** CalculatePrice on the quote; its total as stored after. */
        BigDecimal calculate(UUID quote) {
            seller.execute(new ActionRequest("CalculatePrice", Map.of("Target", new EntityReference("quote",
                    quote))));
            return seller.retrieve("quote", quote, io.rapport.query.ColumnSet.of("totalamount"))
                    .getDecimal("totalamount");
        }

        private static BigDecimal volumeDiscount(int quantity) {
            return quantity >= 10 ? new BigDecimal("50.00") : quantity >= 5 ? new BigDecimal("25.00")
                    : BigDecimal.ZERO;
        }

        /** The quote, its 20 priced lines and its totals, inserted with plain SQL in one transaction. */
        void sql(long n) throws Exception {
            Timestamp now = Timestamp.from(Instant.now());
            UUID quote = UUID.randomUUID();
            try (Connection c = db.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("insert into quote (quoteid, name, quotenumber, "
                        + "customerid, customeridtype, pricelevelid, transactioncurrencyid, exchangerate, "
                        + "revisionnumber, statecode, statuscode, ownerid, owneridtype, owningbusinessunit, createdon, "
                        + "createdby, modifiedon, modifiedby, versionnumber) values (?, 'Bench quote', ?, ?, "
                        + "'account', ?, ?, 1, 0, 0, 1, ?, 'systemuser', ?, ?, ?, ?, ?, nextval('sys_row_version'))")) {
                    ps.setObject(1, quote);
                    ps.setString(2, "QUO-SQL-" + n + "-" + quote.toString().substring(0, 8));
                    ps.setObject(3, account);
                    ps.setObject(4, catalog.priceList);
                    ps.setObject(5, catalog.currency);
                    ps.setObject(6, owner);
                    ps.setObject(7, unit);
                    ps.setTimestamp(8, now);
                    ps.setObject(9, owner);
                    ps.setTimestamp(10, now);
                    ps.setObject(11, owner);
                    ps.executeUpdate();
                }
                BigDecimal detail = BigDecimal.ZERO;
                BigDecimal tax = BigDecimal.ZERO;
                try (PreparedStatement ps = c.prepareStatement("insert into quotedetail (quotedetailid, productname, "
                        + "quoteid, productid, uomid, isproductoverridden, ispriceoverridden, quantity, priceperunit, "
                        + "baseamount, volumediscountamount, tax, extendedamount, extendedamount_base, exchangerate, "
                        + "transactioncurrencyid, ownerid, owneridtype, owningbusinessunit, createdon, createdby, "
                        + "modifiedon, modifiedby, versionnumber) values (?, 'Laptop', ?, ?, ?, false, false, ?, "
                        + "1250, ?, ?, 1, ?, ?, 1, ?, ?, 'systemuser', ?, ?, ?, ?, ?, nextval('sys_row_version'))")) {
                    for (int i = 1; i <= LINES; i++) {
                        BigDecimal q = BigDecimal.valueOf(i);
                        BigDecimal volume = volumeDiscount(i);
                        BigDecimal amount = q.multiply(new BigDecimal("1250.00").subtract(volume));
                        BigDecimal extended = amount.add(BigDecimal.ONE);
                        detail = detail.add(amount);
                        tax = tax.add(BigDecimal.ONE);
                        ps.setObject(1, UUID.randomUUID());
                        ps.setObject(2, quote);
                        ps.setObject(3, catalog.laptop);
                        ps.setObject(4, catalog.each);
                        ps.setBigDecimal(5, q);
                        ps.setBigDecimal(6, amount);
                        ps.setBigDecimal(7, volume);
                        ps.setBigDecimal(8, extended);
                        ps.setBigDecimal(9, extended);
                        ps.setObject(10, catalog.currency);
                        ps.setObject(11, owner);
                        ps.setObject(12, unit);
                        ps.setTimestamp(13, now);
                        ps.setObject(14, owner);
                        ps.setTimestamp(15, now);
                        ps.setObject(16, owner);
                        ps.addBatch();
                    }
                    ps.executeBatch();
                }
                try (PreparedStatement ps = c.prepareStatement("update quote set totallineitemamount = ?, "
                        + "totallineitemdiscountamount = 0, totaldiscountamount = 0, totalamountlessfreight = ?, "
                        + "totaltax = ?, totalamount = ?, totalamount_base = ?, totallineitemamount_base = ?, "
                        + "versionnumber = nextval('sys_row_version') where quoteid = ?")) {
                    BigDecimal total = detail.add(tax);
                    ps.setBigDecimal(1, detail);
                    ps.setBigDecimal(2, detail);
                    ps.setBigDecimal(3, tax);
                    ps.setBigDecimal(4, total);
                    ps.setBigDecimal(5, total);
                    ps.setBigDecimal(6, detail);
                    ps.setObject(7, quote);
                    ps.executeUpdate();
                }
                c.commit();
            }
        }
    }

    /**
     * The benchmark's customers (created through the pipeline once) and their invoices (generated once with one
     * INSERT … SELECT, in turn over the customers); returns the customers' ids.
     */
    private static List<UUID> ensureInvoices(OrganizationService system, DataSource db, CallerProvider callers,
            SalesCatalog catalog, int customers, int invoices) throws Exception {
        List<UUID> ids = customers(db);
        for (int i = ids.size(); i < customers; i++) {
            system.create(new Entity("account").set("name", CUSTOMER + String.format(Locale.ROOT, "%05d", i)));
        }
        ids = customers(db);
        long existing;
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select count(*) from invoice where name like '" + INVOICE + "%'")) {
            rs.next();
            existing = rs.getLong(1);
        }
        if (existing < invoices) {
            UUID user = callers.system().userId();
            UUID unit = callers.system().businessUnitId();
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("insert into invoice "
                    + "(invoiceid, name, invoicenumber, customerid, customeridtype, pricelevelid, "
                    + "transactioncurrencyid, exchangerate, totallineitemamount, totalamount, totalamount_base, "
                    + "totallineitemamount_base, ispricelocked, statecode, statuscode, ownerid, owneridtype, "
                    + "owningbusinessunit, createdon, createdby, modifiedon, modifiedby, versionnumber) "
                    + "select md5('" + INVOICE + "' || g)::uuid, '" + INVOICE + "' || g, 'INV-B' || lpad(g::text, 7, '0'), "
                    + "c.accountid, 'account', ?, ?, 1, 100 + g % 1000, 100 + g % 1000, 100 + g % 1000, "
                    + "100 + g % 1000, false, 0, 1, ?, 'systemuser', ?, localtimestamp - g * interval '1 minute', ?, "
                    + "localtimestamp, ?, nextval('sys_row_version') from generate_series(?, ?) g "
                    + "join (select accountid, row_number() over (order by name) - 1 as k from account "
                    + "where name like '" + CUSTOMER + "%' and name < '" + CUSTOMER + String.format(Locale.ROOT,
                            "%05d", customers) + "') c on c.k = g % ?")) {
                ps.setObject(1, catalog.priceList);
                ps.setObject(2, catalog.currency);
                ps.setObject(3, user);
                ps.setObject(4, unit);
                ps.setObject(5, user);
                ps.setObject(6, user);
                ps.setLong(7, existing + 1);
                ps.setLong(8, invoices);
                ps.setInt(9, customers);
                ps.executeUpdate();
            }
            try (Connection c = db.getConnection(); Statement st = c.createStatement()) {
                st.execute("vacuum analyze invoice");
            }
        }
        return ids.subList(0, customers);
    }

    private static List<UUID> customers(DataSource db) throws Exception {
        List<UUID> ids = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select accountid from account where name like '" + CUSTOMER
                        + "%' order by name")) {
            while (rs.next()) {
                ids.add((UUID) rs.getObject(1));
            }
        }
        return ids;
    }

    private static int page(HttpClient http, String url, String auth) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", auth)
                .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("HTTP " + r.statusCode() + " for " + url + ": " + r.body());
        }
        int rows = 0;
        for (int i = r.body().indexOf("\"invoiceid\""); i >= 0; i = r.body().indexOf("\"invoiceid\"", i + 1)) {
            rows++;
        }
        return rows;
    }

    private static void invoicesSql(DataSource db, UUID customer) throws Exception {
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement("select invoiceid, "
                + "invoicenumber, name, totalamount, statecode, versionnumber from invoice where customerid = ? "
                + "order by createdon desc limit 50")) {
            ps.setObject(1, customer);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getString(2);
                }
            }
        }
    }
}
