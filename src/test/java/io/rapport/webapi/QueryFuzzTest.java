package io.rapport.webapi;

import static io.rapport.webapi.ApiClient.enc;
import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.fuzz.FuzzApp;
import io.rapport.fuzz.FuzzSeed;
import io.rapport.fuzz.Hostile;
import io.rapport.webapi.ApiClient.Response;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzz suite, queries (issue 21): generated {@code $filter}, {@code $select}, {@code $expand}, {@code $orderby},
 * {@code $apply} and FetchXML with hostile values and deep nesting never answer 5xx, and every error is a
 * Dataverse error body. Runs against one shared application on H2; {@code -Drapport.fuzz.seed} replays a run.
 */
@PropertyDefaults(tries = 100, shrinking = ShrinkingMode.BOUNDED)
@AddLifecycleHook(FuzzSeed.class)
class QueryFuzzTest {

    static final List<String> FIELDS = List.of("name", "revenue", "numberofemployees", "createdon", "modifiedon",
            "statecode", "statuscode", "industrycode", "creditonhold", "accountnumber", "_parentaccountid_value",
            "parentaccountid/name", "accountid", "versionnumber", "description", "nosuchfield");
    static final List<String> NAVIGATIONS = List.of("parentaccountid", "primarycontactid", "contact_customer_accounts",
            "account_parent_account", "ownerid", "createdby", "nosuchnavigation");

    static ApiClient api;

    @BeforeContainer
    static void start() {
        var app = FuzzApp.h2();
        api = new ApiClient(FuzzApp.port(app));
        for (int i = 0; i < 3; i++) {
            Response r = api.post("accounts", "{\"name\":\"Fuzz " + i + "\",\"revenue\":" + (i * 1000)
                    + ",\"numberofemployees\":" + i + "}");
            assertThat(r.status()).isEqualTo(204);
        }
    }

    /** Sends the query (through a $batch when the URL would pass the server's header limit) and checks it. */
    static void answersWithoutServerError(String pathAndQuery) {
        FuzzApp.watch();
        Response r = pathAndQuery.length() > 6000 ? Batches.get(api, pathAndQuery) : api.get(pathAndQuery);
        assertThat(r.status()).as(() -> pathAndQuery + " -> " + FuzzApp.describe(r.body())).isLessThan(500);
        if (r.status() >= 400) {
            assertThat(r.errorCode()).as(r.body()).matches("0x8[0-9a-f]{7}");
            assertThat(r.errorMessage()).as(r.body()).isNotBlank();
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("\"timestamp\"");
        } else {
            assertThat(r.status()).isEqualTo(200);
        }
    }

    @Property
    void filters(@ForAll("filter") String filter) {
        answersWithoutServerError("accounts?$select=name&$filter=" + enc(filter));
    }

    @Property
    void selectExpandOrderAndTop(@ForAll("select") String select, @ForAll("expand") String expand,
            @ForAll("orderby") String orderby, @ForAll("top") String top) {
        answersWithoutServerError("accounts?$select=" + enc(select) + "&$expand=" + enc(expand) + "&$orderby="
                + enc(orderby) + "&$top=" + enc(top) + "&$count=true");
    }

    @Property
    void apply(@ForAll("apply") String apply) {
        answersWithoutServerError("accounts?$apply=" + enc(apply));
    }

    @Property
    void fetchXml(@ForAll("fetch") String fetch) {
        answersWithoutServerError("accounts?fetchXml=" + enc(fetch));
    }

    @Provide
    Arbitrary<String> filter() {
        Arbitrary<String> tree = expression(3);
        return Arbitraries.oneOf(tree, tree, Combinators.combine(Hostile.depths(), atom(), Arbitraries.of("(", "not "))
                .as((n, a, open) -> open.equals("(") ? "(".repeat(n) + a + ")".repeat(n) : open.repeat(n) + a),
                Hostile.strings());
    }

    private Arbitrary<String> expression(int depth) {
        if (depth == 0) {
            return atom();
        }
        Arbitrary<String> sub = expression(depth - 1);
        return Arbitraries.oneOf(atom(), sub.map(e -> "(" + e + ")"), sub.map(e -> "not " + e),
                Combinators.combine(sub, Arbitraries.of(" and ", " or ", " AND ", " xor "), sub)
                        .as((a, op, b) -> a + op + b),
                Combinators.combine(Arbitraries.of("contact_customer_accounts", "account_parent_account",
                        "nosuch"), Arbitraries.of("any", "all"), sub.map(e -> e.replace("name", "c/fullname")))
                        .as((nav, fn, e) -> nav + "/" + fn + "(c:" + e + ")"));
    }

    private Arbitrary<String> atom() {
        Arbitrary<String> field = Hostile.names(FIELDS);
        Arbitrary<String> op = Arbitraries.of("eq", "ne", "gt", "ge", "lt", "le", "has", "in", "eq eq", "");
        Arbitrary<String> comparison = Combinators.combine(field, op, literal()).as((f, o, v) -> f + " " + o + " " + v);
        Arbitrary<String> function = Combinators.combine(Arbitraries.of("contains", "startswith", "endswith",
                "tolower", "length"), field, literal()).as((fn, f, v) -> fn + "(" + f + "," + v + ")");
        Arbitrary<String> dynamics = Combinators.combine(Arbitraries.of("On", "OnOrAfter", "LastXDays", "NextXYears",
                "Between", "In", "Under", "EqualUserId", "ThisMonth", "NoSuchFunction"), field, literal())
                .as((fn, f, v) -> "Microsoft.Dynamics.CRM." + fn + "(PropertyName='" + f + "',PropertyValue" + "="
                        + v + ")");
        return Arbitraries.oneOf(comparison, comparison, function, dynamics);
    }

    private Arbitrary<String> literal() {
        return Arbitraries.oneOf(Hostile.strings().map(s -> "'" + s.replace("'", "''") + "'"), Hostile.numbers(),
                Hostile.dates(), Arbitraries.of("null", "true", "false", "''", "'", "(1,2)", "[1]",
                        "00000000-0000-0000-0000-000000000000", "$it", "@p1"),
                Hostile.strings());
    }

    @Provide
    Arbitrary<String> select() {
        return Hostile.names(FIELDS).list().ofMaxSize(6).map(l -> String.join(",", l));
    }

    @Provide
    Arbitrary<String> expand() {
        Arbitrary<String> one = Combinators.combine(Hostile.names(NAVIGATIONS), select(),
                Arbitraries.of("", "$filter=name eq 'x'", "$top=-1", "$orderby=nosuch", "$expand=parentaccountid",
                        "$select=*"))
                .as((nav, sel, opt) -> nav + (sel.isEmpty() && opt.isEmpty() ? "" : "($select=" + sel
                        + (opt.isEmpty() ? "" : ";" + opt) + ")"));
        Arbitrary<String> deep = Hostile.depths().map(n -> "parentaccountid($expand=".repeat(n) + "parentaccountid"
                + ")".repeat(n));
        return Arbitraries.oneOf(one.list().ofMaxSize(4).map(l -> String.join(",", l)), deep, Hostile.strings());
    }

    @Provide
    Arbitrary<String> orderby() {
        return Combinators.combine(Hostile.names(FIELDS), Arbitraries.of("", " asc", " desc", " sideways"))
                .as(String::concat).list().ofMaxSize(3).map(l -> String.join(",", l));
    }

    @Provide
    Arbitrary<String> top() {
        return Arbitraries.oneOf(Hostile.numbers(), Arbitraries.of("", "5", "0"));
    }

    @Provide
    Arbitrary<String> apply() {
        Arbitrary<String> aggregate = Combinators.combine(Hostile.names(FIELDS), Arbitraries.of("sum", "average",
                "min", "max", "countdistinct", "median", ""), Hostile.strings().map(s -> s.isEmpty() ? "x" : s))
                .as((f, fn, alias) -> "aggregate(" + f + " with " + fn + " as " + alias + ")");
        Arbitrary<String> groupby = select().map(s -> "groupby((" + s + "))");
        Arbitrary<String> step = Arbitraries.oneOf(aggregate, groupby,
                Combinators.combine(select(), aggregate).as((s, a) -> "groupby((" + s + ")," + a + ")"),
                expression(1).map(e -> "filter(" + e + ")"), Arbitraries.of("aggregate($count as n)", "compute(x)"),
                Hostile.strings());
        return step.list().ofMinSize(1).ofMaxSize(40).map(l -> String.join("/", l));
    }

    @Provide
    Arbitrary<String> fetch() {
        Arbitrary<String> attribute = Combinators.combine(Hostile.names(FIELDS), Arbitraries.of("", " aggregate='count'",
                " aggregate='sum'", " groupby='true' dategrouping='century'", " groupby='true' dategrouping='year'",
                " aggregate='avg'")).as((f, a) -> "<attribute name='" + xml(f) + "' alias='a" + Math.abs(f.hashCode())
                        + "'" + a + "/>");
        Arbitrary<String> condition = Combinators.combine(Hostile.names(FIELDS), Arbitraries.of("eq", "on", "like",
                "between", "in", "last-x-days", "under", "eq-userid", "nosuch"), Hostile.scalars())
                .as((f, op, v) -> "<condition attribute='" + xml(f) + "' operator='" + op + "' value='" + xml(v)
                        + "'/>");
        Arbitrary<String> filter = Combinators.combine(Arbitraries.of("and", "or", "xor"), condition.list()
                .ofMaxSize(4)).as((t, cs) -> "<filter type='" + t + "'>" + String.join("", cs) + "</filter>");
        Arbitrary<String> deepFilter = Combinators.combine(Hostile.depths(), condition)
                .as((n, c) -> "<filter>".repeat(n) + c + "</filter>".repeat(n));
        Arbitrary<String> link = Combinators.combine(Hostile.names(List.of("account", "contact", "systemuser",
                "nosuch")), Hostile.names(FIELDS), Hostile.names(FIELDS), Arbitraries.integers().between(1, 20))
                .as((e, from, to, n) -> ("<link-entity name='" + xml(e) + "' from='" + xml(from) + "' to='" + xml(to)
                        + "'>").repeat(n) + "</link-entity>".repeat(n));
        Arbitrary<String> body = Arbitraries.oneOf(attribute, filter, deepFilter, link, Arbitraries.of("<order "
                + "attribute='nosuch'/>", "<all-attributes/>", "<order attribute='name' descending='maybe'/>"))
                .list().ofMaxSize(5).map(l -> String.join("", l));
        Arbitrary<String> fetchAttributes = Arbitraries.of("", " aggregate='true'", " top='-1'", " count='0'",
                " page='99999999999'", " distinct='yes'", " top='5' count='5'");
        Arbitrary<String> document = Combinators.combine(fetchAttributes, Hostile.names(List.of("account",
                "contact")), body).as((a, e, b) -> "<fetch" + a + "><entity name='" + xml(e) + "'>" + b
                        + "</entity></fetch>");
        return Arbitraries.oneOf(document, document, document, Arbitraries.of("<!DOCTYPE x [<!ENTITY a "
                + "\"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]><fetch><entity name='account'>"
                + "<attribute name='&b;'/></entity></fetch>", "<fetch>", "not xml", ""), Hostile.strings());
    }

    static String xml(String s) {
        return s.replace("&", "&amp;").replace("'", "&apos;").replace("<", "&lt;");
    }
}
