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
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Pricing of a draft quote over the Web API, as a salesperson: moving it to another price list in its currency prices
 * its catalog lines again from the new list (write-ins and overridden prices kept, totals recomputed); a list missing
 * one of its products, or in another currency, is refused and nothing changes. In a currency other than the base one
 * every money attribute of the quote and its lines has its {@code _base} companion (value / exchange rate), formatted
 * in the base currency.
 */
abstract class SalesPricingWebApiTest {

    @OnH2
    static class H2 extends SalesPricingWebApiTest {
    }

    @OnPostgres
    static class Postgres extends SalesPricingWebApiTest {
    }

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    SalesCatalog catalog;
    ApiClient api;
    String account;

    @BeforeEach
    void setUp() {
        catalog = new SalesCatalog(org);
        Principals people = new Principals(org);
        UUID unit = people.businessUnit("Pricing", people.rootUnit());
        UUID user = people.user("pricer", unit, "Salesperson");
        api = new ApiClient(port).withAuthorization("Basic " + Base64.getEncoder().encodeToString(
                (people.userName(user) + ":" + Principals.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        account = org.create(new Entity("account").set("name", "Pricing customer " + catalog.run)).toString();
    }

    private UUID priceList(String name, UUID currency) {
        return org.create(new Entity("pricelevel").set("name", name + " " + catalog.run)
                .set("transactioncurrencyid", SalesCatalog.ref("transactioncurrency", currency)));
    }

    private void item(UUID priceList, UUID product, String amount) {
        org.create(new Entity("productpricelevel").set("pricelevelid", SalesCatalog.ref("pricelevel", priceList))
                .set("productid", SalesCatalog.ref("product", product)).set("uomid", SalesCatalog.ref("uom",
                        catalog.each)).set("pricingmethodcode", 1).set("amount", new BigDecimal(amount)));
    }

    private JsonNode get(String path, String... headers) {
        Response r = api.get(path, headers);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private String create(String set, String json) {
        Response r = api.post(set, json);
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        return ApiClient.idOf(r);
    }

    private String quote(UUID priceList) {
        return create("quotes", "{\"name\":\"Pricing " + catalog.run + "\",\"customerid_account@odata.bind\":"
                + "\"/accounts(" + account + ")\",\"pricelevelid@odata.bind\":\"/pricelevels(" + priceList + ")\"}");
    }

    private String line(String quote, String json) {
        return create("quotedetails", "{\"quoteid@odata.bind\":\"/quotes(" + quote + ")\"," + json + "}");
    }

    private String laptop() {
        return "\"productid@odata.bind\":\"/products(" + catalog.laptop + ")\"";
    }

    private static BigDecimal money(JsonNode record, String attribute) {
        assertThat(record.has(attribute)).as(attribute + " in " + record).isTrue();
        return record.path(attribute).decimalValue();
    }

    private void fails(Response r, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.errorMessage()).contains(message);
    }

    @Test
    void anotherPriceListPricesTheCatalogLinesAgain() {
        UUID partner = priceList("Partner", catalog.currency);
        item(partner, catalog.laptop, "1100.00");
        UUID empty = priceList("Empty", catalog.currency);
        String quote = quote(catalog.priceList);
        String laptops = line(quote, laptop() + ",\"quantity\":2");
        String writeIn = line(quote, "\"isproductoverridden\":true,\"productdescription\":\"Setup\",\"priceperunit\":100,"
                + "\"quantity\":1");
        String agreed = line(quote, laptop() + ",\"ispriceoverridden\":true,\"priceperunit\":999,\"quantity\":1");
        assertThat(money(get("quotes(" + quote + ")?$select=totalamount"), "totalamount"))
                .isEqualByComparingTo("3599.00");

        Response moved = api.patch("quotes(" + quote + ")", "{\"pricelevelid@odata.bind\":\"/pricelevels(" + partner
                + ")\"}");
        assertThat(moved.status()).as(moved.body()).isEqualTo(204);
        JsonNode l = get("quotedetails(" + laptops + ")?$select=priceperunit,baseamount,extendedamount");
        assertThat(money(l, "priceperunit")).isEqualByComparingTo("1100.00");
        assertThat(money(l, "baseamount")).isEqualByComparingTo("2200.00");
        assertThat(money(l, "extendedamount")).isEqualByComparingTo("2200.00");
        assertThat(money(get("quotedetails(" + writeIn + ")?$select=priceperunit"), "priceperunit"))
                .isEqualByComparingTo("100.00");
        assertThat(money(get("quotedetails(" + agreed + ")?$select=priceperunit"), "priceperunit"))
                .isEqualByComparingTo("999.00");
        JsonNode q = get("quotes(" + quote + ")?$select=totallineitemamount,totalamount,_pricelevelid_value");
        assertThat(q.path("_pricelevelid_value").asText()).isEqualTo(partner.toString());
        assertThat(money(q, "totallineitemamount")).isEqualByComparingTo("3299.00");
        assertThat(money(q, "totalamount")).isEqualByComparingTo("3299.00");

        // a list without the laptop, or in another currency: refused, nothing changed
        fails(api.patch("quotes(" + quote + ")", "{\"pricelevelid@odata.bind\":\"/pricelevels(" + empty + ")\"}"),
                "is not on the price list");
        fails(api.patch("quotes(" + quote + ")", "{\"pricelevelid@odata.bind\":\"/pricelevels("
                + catalog.otherPriceList + ")\"}"), "is in another currency");
        q = get("quotes(" + quote + ")?$select=totalamount,_pricelevelid_value,_transactioncurrencyid_value");
        assertThat(q.path("_pricelevelid_value").asText()).isEqualTo(partner.toString());
        assertThat(q.path("_transactioncurrencyid_value").asText()).isEqualTo(catalog.currency.toString());
        assertThat(money(q, "totalamount")).isEqualByComparingTo("3299.00");
        assertThat(money(get("quotedetails(" + laptops + ")?$select=priceperunit"), "priceperunit"))
                .isEqualByComparingTo("1100.00");

        // back to the first list: its price again
        assertThat(api.patch("quotes(" + quote + ")", "{\"pricelevelid@odata.bind\":\"/pricelevels("
                + catalog.priceList + ")\"}").status()).isEqualTo(204);
        assertThat(money(get("quotedetails(" + laptops + ")?$select=priceperunit"), "priceperunit"))
                .isEqualByComparingTo("1250.00");
        assertThat(money(get("quotes(" + quote + ")?$select=totalamount"), "totalamount"))
                .isEqualByComparingTo("3599.00");
    }

    @Test
    void moneyInAnotherCurrencyHasItsBaseAmounts() {
        item(catalog.otherPriceList, catalog.laptop, "1000.00");
        String quote = quote(catalog.otherPriceList);
        String laptops = line(quote, laptop() + ",\"quantity\":3,\"manualdiscountamount\":100,\"tax\":40");
        Response header = api.patch("quotes(" + quote + ")", "{\"discountamount\":50,\"freightamount\":20}");
        assertThat(header.status()).as(header.body()).isEqualTo(204);

        // exchange rate 0.8 units of the quote's currency per base unit: base = value / 0.8
        JsonNode l = get("quotedetails(" + laptops + ")");
        assertThat(money(l, "exchangerate")).isEqualByComparingTo("0.8");
        assertThat(l.path("_transactioncurrencyid_value").asText()).isEqualTo(catalog.otherCurrency.toString());
        assertThat(money(l, "priceperunit")).isEqualByComparingTo("1000.00");
        assertThat(money(l, "priceperunit_base")).isEqualByComparingTo("1250.00");
        assertThat(money(l, "baseamount")).isEqualByComparingTo("3000.00");
        assertThat(money(l, "baseamount_base")).isEqualByComparingTo("3750.00");
        assertThat(money(l, "volumediscountamount_base")).isEqualByComparingTo("0");
        assertThat(money(l, "manualdiscountamount_base")).isEqualByComparingTo("125.00");
        assertThat(money(l, "tax_base")).isEqualByComparingTo("50.00");
        assertThat(money(l, "extendedamount")).isEqualByComparingTo("2940.00");
        assertThat(money(l, "extendedamount_base")).isEqualByComparingTo("3675.00");

        JsonNode q = get("quotes(" + quote + ")", "Prefer", "odata.include-annotations=\"*\"");
        assertThat(money(q, "exchangerate")).isEqualByComparingTo("0.8");
        assertThat(money(q, "totallineitemamount")).isEqualByComparingTo("2900.00");
        assertThat(money(q, "totallineitemamount_base")).isEqualByComparingTo("3625.00");
        assertThat(money(q, "totallineitemdiscountamount_base")).isEqualByComparingTo("125.00");
        assertThat(money(q, "discountamount_base")).isEqualByComparingTo("62.50");
        assertThat(money(q, "totaldiscountamount_base")).isEqualByComparingTo("62.50");
        assertThat(money(q, "totalamountlessfreight")).isEqualByComparingTo("2850.00");
        assertThat(money(q, "totalamountlessfreight_base")).isEqualByComparingTo("3562.50");
        assertThat(money(q, "freightamount_base")).isEqualByComparingTo("25.00");
        assertThat(money(q, "totaltax_base")).isEqualByComparingTo("50.00");
        assertThat(money(q, "totalamount")).isEqualByComparingTo("2910.00");
        assertThat(money(q, "totalamount_base")).isEqualByComparingTo("3637.50");
        // the base amount reads in the base currency, the amount in the quote's
        assertThat(q.path("totalamount_base@OData.Community.Display.V1.FormattedValue").asText())
                .isEqualTo("$3,637.50");
        assertThat(q.path("totalamount@OData.Community.Display.V1.FormattedValue").asText())
                .isEqualTo("2,910.00 T" + catalog.run.substring(0, 4));

        // a new exchange rate on the currency reaches the quote's base amounts when its price list is set again
        org.update(new Entity("transactioncurrency", catalog.otherCurrency).set("exchangerate", new BigDecimal("0.5")));
        assertThat(api.patch("quotes(" + quote + ")", "{\"pricelevelid@odata.bind\":\"/pricelevels("
                + catalog.otherPriceList + ")\"}").status()).isEqualTo(204);
        q = get("quotes(" + quote + ")?$select=exchangerate,totalamount,totalamount_base,freightamount_base");
        assertThat(money(q, "exchangerate")).isEqualByComparingTo("0.5");
        assertThat(money(q, "totalamount")).isEqualByComparingTo("2910.00");
        assertThat(money(q, "totalamount_base")).isEqualByComparingTo("5820.00");
        assertThat(money(q, "freightamount_base")).isEqualByComparingTo("40.00");
        assertThat(money(get("quotedetails(" + laptops + ")?$select=extendedamount_base"), "extendedamount_base"))
                .isEqualByComparingTo("5880.00");
    }
}
