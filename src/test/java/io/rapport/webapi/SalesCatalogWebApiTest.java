package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.SalesCatalog;
import io.rapport.webapi.ApiClient.Response;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The product catalog over the Web API, kept by a sales manager and used by a salesperson: the family tree
 * ({@code parentproductid} under product families only, no loops) published in one PublishProductHierarchy call;
 * RevertProduct giving a revised product back its published values; CloneProduct; the pricing methods 2–6 of price
 * list items with their rounding and a volume discount list in amounts, priced on quote lines to the cent; decimals
 * supported on lines; price lists refused for new products outside their dates or when inactive; competitors kept by
 * salespeople. Every refusal answers 400 with Dataverse's error body and changes nothing.
 */
abstract class SalesCatalogWebApiTest {

    @OnH2
    static class H2 extends SalesCatalogWebApiTest {
    }

    @OnPostgres
    static class Postgres extends SalesCatalogWebApiTest {
    }

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    SalesCatalog catalog;
    ApiClient manager;
    ApiClient seller;
    String account;

    @BeforeEach
    void setUp() {
        catalog = new SalesCatalog(org);
        SalesTeam team = SalesTeam.signIn(port, org, "Catalog", catalog.run);
        manager = team.manager();
        seller = team.seller();
        account = team.account();
    }

    private static void refused(Response r, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.errorCode()).startsWith("0x");
        assertThat(r.errorMessage()).isEqualTo(message);
    }

    private String product(String name, int structure, String parent, String extra) {
        return manager.create("products", "{\"name\":\"" + name + " " + catalog.run + "\",\"productnumber\":\""
                + name.toUpperCase().replace(' ', '-') + "-" + catalog.run + "\",\"productstructure\":" + structure
                + (parent == null ? "" : ",\"parentproductid@odata.bind\":\"/products(" + parent + ")\"")
                + ",\"defaultuomscheduleid@odata.bind\":\"/uomschedules(" + catalog.units + ")\","
                + "\"defaultuomid@odata.bind\":\"/uoms(" + catalog.each + ")\""
                + (extra.contains("quantitydecimal") ? "" : ",\"quantitydecimal\":0") + extra + "}");
    }

    private void publish(String product) {
        Response r = manager.post("products(" + product + ")/Microsoft.Dynamics.CRM.PublishProductHierarchy", "{}");
        assertThat(r.status()).as(r.body()).isEqualTo(204);
    }

    private int state(String product) {
        return manager.read("products(" + product + ")?$select=statecode").path("statecode").asInt();
    }

    private String priceList(String name, String dates) {
        return manager.create("pricelevels", "{\"name\":\"" + name + " " + catalog.run + "\","
                + "\"transactioncurrencyid@odata.bind\":\"/transactioncurrencies(" + catalog.currency + ")\"" + dates
                + "}");
    }

    private void item(String priceList, String product, String pricing) {
        manager.create("productpricelevels", "{\"pricelevelid@odata.bind\":\"/pricelevels(" + priceList + ")\","
                + "\"productid@odata.bind\":\"/products(" + product + ")\",\"uomid@odata.bind\":\"/uoms("
                + catalog.each + ")\"," + pricing + "}");
    }

    private String quote(String priceList) {
        return seller.create("quotes", "{\"name\":\"Catalog quote " + catalog.run + "\",\"customerid_account@odata"
                + ".bind\":\"/accounts(" + account + ")\",\"pricelevelid@odata.bind\":\"/pricelevels(" + priceList
                + ")\"}");
    }

    private Response line(String quote, String product, String quantity) {
        return seller.post("quotedetails", "{\"quoteid@odata.bind\":\"/quotes(" + quote + ")\","
                + "\"productid@odata.bind\":\"/products(" + product + ")\",\"quantity\":" + quantity + "}");
    }

    private JsonNode pricedLine(String quote, String product, String quantity) {
        Response r = line(quote, product, quantity);
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        return seller.read("quotedetails(" + ApiClient.idOf(r) + ")?$select=priceperunit,volumediscountamount,"
                + "baseamount,extendedamount");
    }

    private int linesOf(String quote) {
        return seller.read("quotedetails?$select=quotedetailid&$filter=" + ApiClient.enc("_quoteid_value eq "
                + quote)).path("value")
                .size();
    }

    private long productsNumbered(String number) {
        return org.retrieveMultiple(QueryExpression.from("product").columns(ColumnSet.none())
                .where(Condition.eq("productnumber", number)).build()).entities().size();
    }

    @Test
    void aFamilyTreeIsPublishedInOneCallAndKeptFreeOfCycles() {
        String computers = product("Computers", 2, null, "");
        String laptops = product("Laptops", 2, computers, "");
        String ultrabook = product("Ultrabook", 1, laptops, ",\"price\":999");
        assertThat(state(computers)).isEqualTo(2);
        assertThat(state(ultrabook)).isEqualTo(2);

        publish(computers);
        for (String p : new String[] {computers, laptops, ultrabook}) {
            JsonNode s = seller.read("products(" + p + ")?$select=statecode,statuscode");
            assertThat(s.path("statecode").asInt()).isZero();
            assertThat(s.path("statuscode").asInt()).isEqualTo(1);
        }
        // the tree as Dataverse reads it: the family's children through the parent lookup
        JsonNode children = seller.read("products?$select=name&$filter="
                + ApiClient.enc("_parentproductid_value eq " + laptops));
        assertThat(children.path("value")).hasSize(1);
        assertThat(children.path("value").get(0).path("name").asText()).isEqualTo("Ultrabook " + catalog.run);

        // under a product that is no family: refused, nothing created
        refused(manager.post("products", "{\"name\":\"Stray " + catalog.run + "\",\"productnumber\":\"STRAY-"
                + catalog.run + "\",\"parentproductid@odata.bind\":\"/products(" + ultrabook + ")\"}"),
                "The parent 'Ultrabook " + catalog.run + "' is not a product family; only a product family can hold "
                        + "products, bundles and families.");
        assertThat(productsNumbered("STRAY-" + catalog.run)).isZero();
        // a family under its own child: refused, the tree unchanged
        refused(manager.patch("products(" + computers + ")", "{\"parentproductid@odata.bind\":\"/products(" + laptops
                + ")\"}"), "Creating this parental association would create a loop in this hierarchy: product "
                        + laptops + " is under product " + computers + ".");
        refused(manager.patch("products(" + computers + ")", "{\"parentproductid@odata.bind\":\"/products("
                + computers + ")\"}"), "Creating this parental association would create a loop in this hierarchy: "
                        + "product " + computers + " is the product itself.");
        assertThat(manager.read("products(" + computers + ")?$select=_parentproductid_value")
                .path("_parentproductid_value").isNull()).isTrue();
        // a family with products under it stays a family
        refused(manager.patch("products(" + laptops + ")", "{\"productstructure\":1}"),
                "The product family 'Laptops " + catalog.run + "' has products under it and must stay a product "
                        + "family.");
        assertThat(manager.read("products(" + laptops + ")?$select=productstructure").path("productstructure")
                .asInt()).isEqualTo(2);
        // a salesperson reads the catalog but does not keep it
        assertThat(seller.patch("products(" + ultrabook + ")", "{\"price\":1}").status()).isEqualTo(403);
    }

    @Test
    void revertProductGivesBackThePublishedValuesAndCloneProductCopiesUnderTheSameParent() {
        String family = product("Tablets", 2, null, "");
        String tablet = product("Slate", 1, family, ",\"price\":500,\"description\":\"Ten inch\"");
        publish(family);

        // revise (Under Revision is SetState 3/3), change, revert: the published values are back, Active again
        Response revised = manager.patch("products(" + tablet + ")", "{\"statecode\":3,\"statuscode\":3}");
        assertThat(revised.status()).as(revised.body()).isEqualTo(204);
        Response changed = manager.patch("products(" + tablet + ")", "{\"name\":\"Slate Pro " + catalog.run
                + "\",\"price\":650,\"description\":null}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        Response reverted = manager.post("RevertProduct", "{\"Target\":{\"@odata.type\":\"Microsoft.Dynamics.CRM"
                + ".product\",\"productid\":\"" + tablet + "\"}}");
        assertThat(reverted.status()).as(reverted.body()).isEqualTo(204);
        JsonNode p = manager.read("products(" + tablet + ")?$select=name,price,description,statecode,statuscode");
        assertThat(p.path("name").asText()).isEqualTo("Slate " + catalog.run);
        assertThat(p.path("price").decimalValue()).isEqualByComparingTo("500");
        assertThat(p.path("description").asText()).isEqualTo("Ten inch");
        assertThat(p.path("statecode").asInt()).isZero();
        assertThat(p.path("statuscode").asInt()).isEqualTo(1);

        // a revision published keeps its changes; reverting an active product is refused
        assertThat(manager.patch("products(" + tablet + ")", "{\"statecode\":3,\"statuscode\":3}").status())
                .isEqualTo(204);
        assertThat(manager.patch("products(" + tablet + ")", "{\"price\":550}").status()).isEqualTo(204);
        publish(tablet);
        Response again = manager.post("RevertProduct", "{\"Target\":{\"@odata.type\":\"Microsoft.Dynamics.CRM"
                + ".product\",\"productid\":\"" + tablet + "\"}}");
        refused(again, "The product 'Slate " + catalog.run + "' is Active and cannot be reverted.");
        assertThat(manager.read("products(" + tablet + ")?$select=price").path("price").decimalValue())
                .isEqualByComparingTo("550");

        // CloneProduct answers with the copy: a draft under the same family, its own product number
        Response cloned = manager.post("products(" + tablet + ")/Microsoft.Dynamics.CRM.CloneProduct", "{}");
        assertThat(cloned.status()).as(cloned.body()).isEqualTo(200);
        JsonNode copy = cloned.json();
        assertThat(copy.path("@odata.context").asText()).endsWith("$metadata#products/$entity");
        assertThat(copy.path("productid").asText()).isNotEqualTo(tablet);
        assertThat(copy.path("statecode").asInt()).isEqualTo(2);
        assertThat(copy.path("_parentproductid_value").asText()).isEqualTo(family);
        assertThat(copy.path("price").decimalValue()).isEqualByComparingTo("550");
        assertThat(copy.path("productnumber").asText()).startsWith("SLATE-" + catalog.run + " (")
                .isNotEqualTo("SLATE-" + catalog.run);
    }

    @Test
    void pricingMethodsTwoToSixWithRoundingAndAnAmountVolumeDiscountToTheCent() {
        String list = priceList("Methods", "");
        String amounts = manager.create("discounttypes", "{\"name\":\"Amounts " + catalog.run + "\","
                + "\"isamounttype\":true,\"transactioncurrencyid@odata.bind\":\"/transactioncurrencies("
                + catalog.currency + ")\"}");
        manager.create("discounts", "{\"discounttypeid@odata.bind\":\"/discounttypes(" + amounts + ")\","
                + "\"lowquantity\":3,\"highquantity\":10,\"amount\":15}");
        String costs = ",\"price\":399.99,\"currentcost\":200,\"standardcost\":180";
        String p2 = product("Percent of list", 1, null, costs);
        String p3 = product("Markup current", 1, null, costs);
        String p4 = product("Margin current", 1, null, costs);
        String p5 = product("Markup standard", 1, null, costs);
        String p6 = product("Margin standard", 1, null, costs);
        // 399.99 × 85% = 339.9915, not rounded
        item(list, p2, "\"pricingmethodcode\":2,\"percentage\":85,\"roundingpolicycode\":1");
        // 200 × 1.33 = 266.00, up to end in .95; the amount list takes 15.00 off each unit from 3 to 10
        item(list, p3, "\"pricingmethodcode\":3,\"percentage\":33,\"roundingpolicycode\":2,\"roundingoptioncode\":1,"
                + "\"roundingoptionamount\":0.95,\"discounttypeid@odata.bind\":\"/discounttypes(" + amounts + ")\"");
        // 200 / (1 − 20%) = 250.00, down to a multiple of 7
        item(list, p4, "\"pricingmethodcode\":4,\"percentage\":20,\"roundingpolicycode\":3,\"roundingoptioncode\":2,"
                + "\"roundingoptionamount\":7");
        // 180 × 1.125 = 202.50, to the nearest multiple of 10
        item(list, p5, "\"pricingmethodcode\":5,\"percentage\":12.5,\"roundingpolicycode\":4,\"roundingoptioncode\":2,"
                + "\"roundingoptionamount\":10");
        // 180 / (1 − 40%) = 300.00, to the nearest value ending in 9
        item(list, p6, "\"pricingmethodcode\":6,\"percentage\":40,\"roundingpolicycode\":4,\"roundingoptioncode\":1,"
                + "\"roundingoptionamount\":9");
        for (String p : new String[] {p2, p3, p4, p5, p6}) {
            publish(p);
        }

        String quote = quote(list);
        assertThat(pricedLine(quote, p2, "2").path("priceperunit").decimalValue()).isEqualByComparingTo("339.99");
        JsonNode markup = pricedLine(quote, p3, "4");
        assertThat(markup.path("priceperunit").decimalValue()).isEqualByComparingTo("266.95");
        assertThat(markup.path("volumediscountamount").decimalValue()).isEqualByComparingTo("15.00");
        // 4 × (266.95 − 15.00)
        assertThat(markup.path("baseamount").decimalValue()).isEqualByComparingTo("1007.80");
        assertThat(pricedLine(quote, p3, "2").path("volumediscountamount").decimalValue()).isEqualByComparingTo("0");
        assertThat(pricedLine(quote, p4, "1").path("priceperunit").decimalValue()).isEqualByComparingTo("245.00");
        assertThat(pricedLine(quote, p5, "1").path("priceperunit").decimalValue()).isEqualByComparingTo("200.00");
        assertThat(pricedLine(quote, p6, "1").path("priceperunit").decimalValue()).isEqualByComparingTo("299.00");
        // 679.98 + 1,007.80 + 533.90 + 245.00 + 200.00 + 299.00
        assertThat(seller.read("quotes(" + quote + ")?$select=totalamount").path("totalamount").decimalValue())
                .isEqualByComparingTo("2965.68");
    }

    @Test
    void decimalsSupportedAndPriceListDatesAreEnforcedOnNewLines() {
        String quote = quote(catalog.priceList.toString());
        // the laptop supports no decimals
        refused(line(quote, catalog.laptop.toString(), "1.5"), "The product 'Laptop " + catalog.run + "' is sold in "
                + "quantities with at most 0 decimals.");
        String decimals = product("Cable", 1, null, ",\"quantitydecimal\":2");
        item(catalog.priceList.toString(), decimals, "\"pricingmethodcode\":1,\"amount\":3");
        publish(decimals);
        refused(line(quote, decimals, "1.255"), "The product 'Cable " + catalog.run + "' is sold in quantities with "
                + "at most 2 decimals.");
        assertThat(linesOf(quote)).isZero();
        // 1.25 m at 3.00
        assertThat(pricedLine(quote, decimals, "1.25").path("baseamount").decimalValue()).isEqualByComparingTo("3.75");

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String ended = priceList("Ended", ",\"begindate\":\"" + today.minusDays(30) + "\",\"enddate\":\""
                + today.minusDays(1) + "\"");
        String future = priceList("Future", ",\"begindate\":\"" + today.plusDays(1) + "\"");
        String current = priceList("Current", ",\"begindate\":\"" + today + "\",\"enddate\":\"" + today + "\"");
        String inactive = priceList("Inactive", "");
        for (String list : new String[] {ended, future, current, inactive}) {
            item(list, catalog.laptop.toString(), "\"pricingmethodcode\":1,\"amount\":1000");
        }
        assertThat(manager.patch("pricelevels(" + inactive + ")", "{\"statecode\":1,\"statuscode\":100002}").status())
                .isEqualTo(204);
        String onEnded = quote(ended);
        refused(line(onEnded, catalog.laptop.toString(), "1"), "The price list 'Ended " + catalog.run + "' ended on "
                + today.minusDays(1) + "; choose a current price list to add products.");
        String onFuture = quote(future);
        refused(line(onFuture, catalog.laptop.toString(), "1"), "The price list 'Future " + catalog.run + "' is "
                + "valid from " + today.plusDays(1) + "; products cannot be added before.");
        String onInactive = quote(inactive);
        refused(line(onInactive, catalog.laptop.toString(), "1"), "The price list 'Inactive " + catalog.run + "' is "
                + "inactive; choose an active price list to add products.");
        assertThat(linesOf(onEnded) + linesOf(onFuture) + linesOf(onInactive)).isZero();
        // the first and the last day count
        assertThat(pricedLine(quote(current), catalog.laptop.toString(), "1").path("priceperunit").decimalValue())
                .isEqualByComparingTo("1000.00");
    }

    @Test
    void salespeopleRecordCompetitorsAndSalesManagersKeepThem() {
        String rival = seller.create("competitors", "{\"name\":\"Rival " + catalog.run + "\",\"websiteurl\":"
                + "\"https://rival.example\"}");
        Response renamed = seller.patch("competitors(" + rival + ")", "{\"name\":\"Rival Inc " + catalog.run + "\"}");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(204);
        assertThat(manager.read("competitors(" + rival + ")?$select=name").path("name").asText())
                .isEqualTo("Rival Inc " + catalog.run);
        Response deleted = manager.delete("competitors(" + rival + ")");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(seller.get("competitors(" + rival + ")").status()).isEqualTo(404);
    }
}
