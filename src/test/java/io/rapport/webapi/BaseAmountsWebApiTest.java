package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import io.rapport.testing.SalesCatalog;
import io.rapport.webapi.ApiClient.Response;
import java.math.BigDecimal;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The {@code _base} companions of the money attributes of accounts and opportunities (and the other sales records
 * with a currency) over the Web API, as a salesperson: each is value / the record's {@code exchangerate}, the rate of
 * its currency taken whenever the currency or a money value is written; read-only (values given are ignored); a
 * record without a currency counts in the base currency.
 */
abstract class BaseAmountsWebApiTest {

    @OnH2
    static class H2 extends BaseAmountsWebApiTest {
    }

    @OnPostgres
    static class Postgres extends BaseAmountsWebApiTest {
    }

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    SalesCatalog catalog;
    ApiClient api;

    @BeforeEach
    void setUp() {
        catalog = new SalesCatalog(org);
        Principals people = new Principals(org);
        UUID unit = people.businessUnit("Base amounts", people.rootUnit());
        api = ApiClient.signedIn(port, people, people.user("baser", unit, "Salesperson"));
    }

    private JsonNode get(String path) {
        Response r = api.get(path);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private String create(String set, String json) {
        Response r = api.post(set, json);
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        return ApiClient.idOf(r);
    }

    private void patch(String path, String json) {
        Response r = api.patch(path, json);
        assertThat(r.status()).as(r.body()).isEqualTo(204);
    }

    private static BigDecimal money(JsonNode record, String attribute) {
        assertThat(record.has(attribute)).as(attribute + " in " + record).isTrue();
        return record.path(attribute).decimalValue();
    }

    private String other() {
        return "\"transactioncurrencyid@odata.bind\":\"/transactioncurrencies(" + catalog.otherCurrency + ")\"";
    }

    @Test
    void accountMoneyHasItsBaseAmountsAtTheCurrencysRate() {
        String account = create("accounts", "{\"name\":\"Base " + catalog.run + "\"," + other()
                + ",\"revenue\":1000,\"marketcap\":2000}");
        // rate 0.8 units of the account's currency per base unit: base = value / 0.8
        JsonNode a = get("accounts(" + account + ")?$select=exchangerate,revenue,revenue_base,marketcap_base");
        assertThat(money(a, "exchangerate")).isEqualByComparingTo("0.8");
        assertThat(money(a, "revenue_base")).isEqualByComparingTo("1250.00");
        assertThat(money(a, "marketcap_base")).isEqualByComparingTo("2500.00");

        // a changed value changes its base amount
        patch("accounts(" + account + ")", "{\"revenue\":500}");
        a = get("accounts(" + account + ")?$select=revenue_base,marketcap_base");
        assertThat(money(a, "revenue_base")).isEqualByComparingTo("625.00");
        assertThat(money(a, "marketcap_base")).isEqualByComparingTo("2500.00");

        // a new rate on the currency reaches the record when one of its money values is written: all base amounts
        org.update(new Entity("transactioncurrency", catalog.otherCurrency).set("exchangerate", new BigDecimal("0.5")));
        patch("accounts(" + account + ")", "{\"revenue\":600}");
        a = get("accounts(" + account + ")?$select=exchangerate,revenue_base,marketcap_base");
        assertThat(money(a, "exchangerate")).isEqualByComparingTo("0.5");
        assertThat(money(a, "revenue_base")).isEqualByComparingTo("1200.00");
        assertThat(money(a, "marketcap_base")).isEqualByComparingTo("4000.00");

        // moved to the base currency: base = value
        patch("accounts(" + account + ")", "{\"transactioncurrencyid@odata.bind\":\"/transactioncurrencies("
                + catalog.currency + ")\"}");
        a = get("accounts(" + account + ")?$select=exchangerate,revenue_base,marketcap_base");
        assertThat(money(a, "exchangerate")).isEqualByComparingTo("1");
        assertThat(money(a, "revenue_base")).isEqualByComparingTo("600.00");
        assertThat(money(a, "marketcap_base")).isEqualByComparingTo("2000.00");

        // base amounts and the rate are read-only: a value given for them is ignored, as Dataverse does
        for (String body : new String[] {"{\"revenue_base\":1}", "{\"exchangerate\":2}"}) {
            patch("accounts(" + account + ")", body);
        }
        a = get("accounts(" + account + ")?$select=exchangerate,revenue_base");
        assertThat(money(a, "revenue_base")).isEqualByComparingTo("600.00");
        assertThat(money(a, "exchangerate")).isEqualByComparingTo("1");
    }

    @Test
    void opportunityMoneyHasItsBaseAmounts() {
        String opportunity = create("opportunities", "{\"name\":\"Base deal " + catalog.run + "\"," + other()
                + ",\"estimatedvalue\":800,\"budgetamount\":400}");
        JsonNode o = get("opportunities(" + opportunity + ")?$select=exchangerate,estimatedvalue_base,"
                + "budgetamount_base");
        assertThat(money(o, "exchangerate")).isEqualByComparingTo("0.8");
        assertThat(money(o, "estimatedvalue_base")).isEqualByComparingTo("1000.00");
        assertThat(money(o, "budgetamount_base")).isEqualByComparingTo("500.00");
        patch("opportunities(" + opportunity + ")", "{\"estimatedvalue\":1000}");
        o = get("opportunities(" + opportunity + ")?$select=estimatedvalue_base,budgetamount_base");
        assertThat(money(o, "estimatedvalue_base")).isEqualByComparingTo("1250.00");
        assertThat(money(o, "budgetamount_base")).isEqualByComparingTo("500.00");

        // the system-calculated revenue from its products: total and estimate in base too
        patch("opportunities(" + opportunity + ")", "{\"isrevenuesystemcalculated\":true,"
                + "\"pricelevelid@odata.bind\":\"/pricelevels(" + catalog.otherPriceList + ")\"}");
        org.create(new Entity("productpricelevel").set("pricelevelid", SalesCatalog.ref("pricelevel",
                catalog.otherPriceList)).set("productid", SalesCatalog.ref("product", catalog.dock))
                .set("uomid", SalesCatalog.ref("uom", catalog.each)).set("pricingmethodcode", 1)
                .set("amount", new BigDecimal("200.00")));
        create("opportunityproducts", "{\"opportunityid@odata.bind\":\"/opportunities(" + opportunity + ")\","
                + "\"productid@odata.bind\":\"/products(" + catalog.dock + ")\",\"quantity\":2}");
        o = get("opportunities(" + opportunity + ")?$select=totalamount,totalamount_base,estimatedvalue,"
                + "estimatedvalue_base");
        assertThat(money(o, "totalamount")).isEqualByComparingTo("400.00");
        assertThat(money(o, "totalamount_base")).isEqualByComparingTo("500.00");
        assertThat(money(o, "estimatedvalue")).isEqualByComparingTo("400.00");
        assertThat(money(o, "estimatedvalue_base")).isEqualByComparingTo("500.00");
    }

    @Test
    void aRecordWithoutCurrencyCountsInTheBaseCurrency() {
        String account = create("accounts", "{\"name\":\"No currency " + catalog.run + "\",\"revenue\":123.45}");
        JsonNode a = get("accounts(" + account + ")?$select=exchangerate,revenue_base");
        assertThat(money(a, "exchangerate")).isEqualByComparingTo("1");
        assertThat(money(a, "revenue_base")).isEqualByComparingTo("123.45");
    }

    private static String created(ApiClient as, String set, String json) {
        Response r = as.post(set, json);
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        return ApiClient.idOf(r);
    }

    private static JsonNode read(ApiClient as, String path) {
        Response r = as.get(path);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    /**
     * Campaigns and marketing lists (as a marketing professional), competitors (as a salesperson) and contracts (as a
     * customer service representative) keep their money in the base currency too, at their currency's rate, read-only.
     */
    @Test
    void campaignListCompetitorAndContractMoneyHaveTheirBaseAmounts() {
        Principals people = new Principals(org);
        UUID unit = people.businessUnit("Base amounts elsewhere", people.rootUnit());
        ApiClient marketer = ApiClient.signedIn(port, people, people.user("basemarketer", unit,
                "Marketing Professional"));
        ApiClient csr = ApiClient.signedIn(port, people, people.user("basecsr", unit,
                "Customer Service Representative"));

        String campaign = created(marketer, "campaigns", "{\"name\":\"Base campaign " + catalog.run + "\"," + other()
                + ",\"budgetedcost\":800,\"othercost\":80,\"expectedrevenue\":1600}");
        JsonNode c = read(marketer, "campaigns(" + campaign + ")?$select=exchangerate,budgetedcost_base,othercost_base,"
                + "expectedrevenue_base");
        assertThat(money(c, "exchangerate")).isEqualByComparingTo("0.8");
        assertThat(money(c, "budgetedcost_base")).isEqualByComparingTo("1000.00");
        assertThat(money(c, "othercost_base")).isEqualByComparingTo("100.00");
        assertThat(money(c, "expectedrevenue_base")).isEqualByComparingTo("2000.00");
        // read-only: a value given for a base amount is ignored, a changed amount changes its base
        Response patched = marketer.patch("campaigns(" + campaign + ")", "{\"budgetedcost_base\":1,\"othercost\":40}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(204);
        c = read(marketer, "campaigns(" + campaign + ")?$select=budgetedcost_base,othercost_base");
        assertThat(money(c, "budgetedcost_base")).isEqualByComparingTo("1000.00");
        assertThat(money(c, "othercost_base")).isEqualByComparingTo("50.00");

        String list = created(marketer, "lists", "{\"listname\":\"Base list " + catalog.run + "\",\"createdfromcode\":2,"
                + other() + ",\"cost\":40}");
        JsonNode l = read(marketer, "lists(" + list + ")?$select=exchangerate,cost_base");
        assertThat(money(l, "exchangerate")).isEqualByComparingTo("0.8");
        assertThat(money(l, "cost_base")).isEqualByComparingTo("50.00");

        // the salesperson records the competitor (Dynamics' Salesperson creates competitors) and reads it
        String competitor = create("competitors", "{\"name\":\"Base rival " + catalog.run + "\"," + other()
                + ",\"reportedrevenue\":400}");
        JsonNode r = get("competitors(" + competitor + ")?$select=exchangerate,reportedrevenue_base");
        assertThat(money(r, "exchangerate")).isEqualByComparingTo("0.8");
        assertThat(money(r, "reportedrevenue_base")).isEqualByComparingTo("500.00");

        UUID template = org.create(new Entity("contracttemplate").set("name", "Base template " + catalog.run)
                .set("abbreviation", "BT").set("allotmenttypecode", 1).set("contractservicelevelcode", 2));
        String customer = created(csr, "accounts", "{\"name\":\"Base contract customer " + catalog.run + "\"}");
        String contract = created(csr, "contracts", "{\"title\":\"Base contract " + catalog.run + "\","
                + "\"customerid_account@odata.bind\":\"/accounts(" + customer + ")\",\"contracttemplateid@odata.bind\":"
                + "\"/contracttemplates(" + template + ")\",\"activeon\":\"2026-01-01\",\"expireson\":\"2026-12-31\","
                + other() + ",\"totalprice\":240}");
        JsonNode k = read(csr, "contracts(" + contract + ")?$select=exchangerate,totalprice_base");
        assertThat(money(k, "exchangerate")).isEqualByComparingTo("0.8");
        assertThat(money(k, "totalprice_base")).isEqualByComparingTo("300.00");
    }
}
