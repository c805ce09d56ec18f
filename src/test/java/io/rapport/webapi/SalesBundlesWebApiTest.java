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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Product bundles over the Web API: a sales manager makes a bundle (a product with {@code productstructure} 3 and its
 * {@code productassociations}: a laptop required, two docking stations optional), prices and publishes it; a
 * salesperson adds two bundles to a quote and gets the bundle line ({@code producttypecode} 2) with one line per
 * product under it ({@code parentbundleidref}, {@code productassociationid}, required 3 / optional 4, quantity × 2,
 * priced in the bundle), totals counting the bundle's price once; a revision copies the bundle with its products
 * (not twice); removing the bundle's line removes its products. Bad input: a product family, a product not in the
 * bundle, a line under a line that is no bundle.
 */
abstract class SalesBundlesWebApiTest {

    @OnH2
    static class H2 extends SalesBundlesWebApiTest {
    }

    @OnPostgres
    static class Postgres extends SalesBundlesWebApiTest {
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
        SalesTeam team = SalesTeam.signIn(port, org, "Bundle", catalog.run);
        manager = team.manager();
        seller = team.seller();
        account = team.account();
    }

    private static String create(ApiClient api, String set, String json) {
        Response r = api.post(set, json);
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        return ApiClient.idOf(r);
    }

    private static JsonNode get(ApiClient api, String path) {
        Response r = api.get(path);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private String product(String name, int structure) {
        return create(manager, "products", "{\"name\":\"" + name + " " + catalog.run + "\",\"productnumber\":\""
                + name.toUpperCase().replace(' ', '-') + "-" + catalog.run + "\",\"productstructure\":" + structure
                + ",\"defaultuomscheduleid@odata.bind\":\"/uomschedules(" + catalog.units + ")\","
                + "\"defaultuomid@odata.bind\":\"/uoms(" + catalog.each + ")\",\"quantitydecimal\":0}");
    }

    /** The bundle "Workstation": 1 laptop (required) and 2 docking stations (optional), 1,500.00 on the price list. */
    private String bundle() {
        String bundle = product("Workstation", 3);
        create(manager, "productassociations", "{\"productid@odata.bind\":\"/products(" + bundle + ")\","
                + "\"associatedproduct@odata.bind\":\"/products(" + catalog.laptop + ")\",\"quantity\":1,"
                + "\"productisrequired\":1}");
        create(manager, "productassociations", "{\"productid@odata.bind\":\"/products(" + bundle + ")\","
                + "\"associatedproduct@odata.bind\":\"/products(" + catalog.dock + ")\",\"quantity\":2,"
                + "\"productisrequired\":0}");
        create(manager, "productpricelevels", "{\"pricelevelid@odata.bind\":\"/pricelevels(" + catalog.priceList
                + ")\",\"productid@odata.bind\":\"/products(" + bundle + ")\",\"uomid@odata.bind\":\"/uoms("
                + catalog.each + ")\",\"pricingmethodcode\":1,\"amount\":1500}");
        Response published = manager.post("products(" + bundle + ")/Microsoft.Dynamics.CRM.PublishProductHierarchy",
                "{}");
        assertThat(published.status()).as(published.body()).isEqualTo(204);
        assertThat(get(manager, "products(" + bundle + ")?$select=statecode").path("statecode").asInt()).isZero();
        return bundle;
    }

    private String quote() {
        return quote(seller);
    }

    private String quote(ApiClient seller) {
        return create(seller, "quotes", "{\"name\":\"Bundle quote " + catalog.run + "\",\"customerid_account@odata.bind\":"
                + "\"/accounts(" + account + ")\",\"pricelevelid@odata.bind\":\"/pricelevels(" + catalog.priceList
                + ")\"}");
    }

    private List<JsonNode> linesOf(String quote) {
        List<JsonNode> out = new ArrayList<>();
        get(seller, "quotedetails?$select=productname,quantity,priceperunit,extendedamount,producttypecode,"
                + "_parentbundleidref_value,parentbundleid,productassociationid&$filter=_quoteid_value%20eq%20" + quote
                + "&$orderby=createdon").path("value").forEach(out::add);
        return out;
    }

    @Test
    void aBundleOnAQuoteBringsItsProducts() {
        String bundle = bundle();
        String quote = quote();
        String line = create(seller, "quotedetails", "{\"quoteid@odata.bind\":\"/quotes(" + quote + ")\","
                + "\"productid@odata.bind\":\"/products(" + bundle + ")\",\"quantity\":2,\"tax\":10}");

        List<JsonNode> lines = linesOf(quote);
        assertThat(lines).hasSize(3);
        JsonNode top = lines.stream().filter(l -> l.path("quotedetailid").asText().equals(line)).findFirst()
                .orElseThrow();
        assertThat(top.path("producttypecode").asInt()).isEqualTo(2);
        assertThat(top.path("priceperunit").decimalValue()).isEqualByComparingTo("1500.00");
        assertThat(top.path("extendedamount").decimalValue()).isEqualByComparingTo("3010.00");
        JsonNode laptop = lines.stream().filter(l -> l.path("productname").asText().startsWith("Laptop"))
                .findFirst().orElseThrow();
        JsonNode dock = lines.stream().filter(l -> l.path("productname").asText().startsWith("Docking"))
                .findFirst().orElseThrow();
        for (JsonNode child : List.of(laptop, dock)) {
            assertThat(child.path("_parentbundleidref_value").asText()).isEqualTo(line);
            assertThat(child.path("parentbundleid").asText()).isEqualTo(line);
            assertThat(child.path("productassociationid").asText()).isNotBlank();
            assertThat(child.path("priceperunit").decimalValue()).isEqualByComparingTo("0");
            assertThat(child.path("extendedamount").decimalValue()).isEqualByComparingTo("0");
        }
        assertThat(laptop.path("producttypecode").asInt()).isEqualTo(3);
        assertThat(laptop.path("quantity").decimalValue()).isEqualByComparingTo("2");
        assertThat(dock.path("producttypecode").asInt()).isEqualTo(4);
        assertThat(dock.path("quantity").decimalValue()).isEqualByComparingTo("4");

        // the bundle's price counts once: 2 × 1,500.00 + 10.00 tax
        JsonNode q = get(seller, "quotes(" + quote + ")?$select=totallineitemamount,totaltax,totalamount");
        assertThat(q.path("totallineitemamount").decimalValue()).isEqualByComparingTo("3000.00");
        assertThat(q.path("totaltax").decimalValue()).isEqualByComparingTo("10.00");
        assertThat(q.path("totalamount").decimalValue()).isEqualByComparingTo("3010.00");

        // bad input: nothing added
        String family = product("Family", 2);
        Response refused = seller.post("quotedetails", "{\"quoteid@odata.bind\":\"/quotes(" + quote + ")\","
                + "\"productid@odata.bind\":\"/products(" + family + ")\",\"quantity\":1}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.errorMessage()).contains("is a product family");
        refused = seller.post("quotedetails", "{\"quoteid@odata.bind\":\"/quotes(" + quote + ")\","
                + "\"productid@odata.bind\":\"/products(" + catalog.modem + ")\",\"quantity\":1,"
                + "\"parentbundleidref@odata.bind\":\"/quotedetails(" + line + ")\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.errorMessage()).contains("is not part of the bundle");
        refused = seller.post("quotedetails", "{\"quoteid@odata.bind\":\"/quotes(" + quote + ")\","
                + "\"productid@odata.bind\":\"/products(" + catalog.dock + ")\",\"quantity\":1,"
                + "\"parentbundleidref@odata.bind\":\"/quotedetails(" + laptop.path("quotedetailid").asText() + ")\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.errorMessage()).contains("is not a bundle of this quote");
        assertThat(linesOf(quote)).hasSize(3);

        // a revision copies the bundle with its products, once
        Response activated = seller.patch("quotes(" + quote + ")", "{\"statecode\":1,\"statuscode\":2}");
        assertThat(activated.status()).as(activated.body()).isEqualTo(204);
        Response revised = seller.post("ReviseQuote", "{\"QuoteId\":\"" + quote + "\"}");
        assertThat(revised.status()).as(revised.body()).isEqualTo(200);
        String quote2 = revised.json().path("quoteid").asText();
        List<JsonNode> copied = linesOf(quote2);
        assertThat(copied).hasSize(3);
        String bundle2 = copied.stream().filter(l -> l.path("producttypecode").asInt() == 2).findFirst()
                .orElseThrow().path("quotedetailid").asText();
        assertThat(copied.stream().filter(l -> bundle2.equals(l.path("_parentbundleidref_value").asText())))
                .hasSize(2);
        assertThat(get(seller, "quotes(" + quote2 + ")?$select=totalamount").path("totalamount").decimalValue())
                .isEqualByComparingTo("3010.00");

        // removing the bundle's line removes its products
        Response deleted = seller.delete("quotedetails(" + bundle2 + ")");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(linesOf(quote2)).isEmpty();
        assertThat(get(seller, "quotes(" + quote2 + ")?$select=totalamount").path("totalamount").decimalValue())
                .isEqualByComparingTo("0");
    }

    /**
     * A bundle line given another quantity multiplies its products' quantities (Dynamics 365); a required product of
     * the bundle cannot leave the quote on its own (400, nothing changed), an optional one can, and the quote goes with
     * all of them.
     */
    @Test
    void aBundlesQuantityMultipliesItsProductsAndItsRequiredProductsStay() {
        String bundle = bundle();
        String quote = quote();
        String line = create(seller, "quotedetails", "{\"quoteid@odata.bind\":\"/quotes(" + quote + ")\","
                + "\"productid@odata.bind\":\"/products(" + bundle + ")\",\"quantity\":2,\"tax\":10}");
        Response changed = seller.patch("quotedetails(" + line + ")", "{\"quantity\":3}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        List<JsonNode> lines = linesOf(quote);
        assertThat(lines).hasSize(3);
        JsonNode laptop = lines.stream().filter(l -> l.path("productname").asText().startsWith("Laptop"))
                .findFirst().orElseThrow();
        JsonNode dock = lines.stream().filter(l -> l.path("productname").asText().startsWith("Docking"))
                .findFirst().orElseThrow();
        assertThat(laptop.path("quantity").decimalValue()).isEqualByComparingTo("3");
        assertThat(dock.path("quantity").decimalValue()).isEqualByComparingTo("6");
        assertThat(dock.path("extendedamount").decimalValue()).isEqualByComparingTo("0");
        // 3 × 1,500.00 + 10.00 tax
        assertThat(get(seller, "quotes(" + quote + ")?$select=totalamount").path("totalamount").decimalValue())
                .isEqualByComparingTo("4510.00");

        Response refused = seller.delete("quotedetails(" + laptop.path("quotedetailid").asText() + ")");
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.errorCode()).startsWith("0x");
        assertThat(refused.errorMessage()).isEqualTo("The product 'Laptop " + catalog.run + "' is a required product "
                + "of its bundle and cannot be removed from the quote; remove the bundle to remove it.");
        assertThat(linesOf(quote)).hasSize(3);

        Response removed = seller.delete("quotedetails(" + dock.path("quotedetailid").asText() + ")");
        assertThat(removed.status()).as(removed.body()).isEqualTo(204);
        assertThat(linesOf(quote)).hasSize(2);
        assertThat(get(seller, "quotes(" + quote + ")?$select=totalamount").path("totalamount").decimalValue())
                .isEqualByComparingTo("4510.00");

        Response gone = seller.delete("quotes(" + quote + ")");
        assertThat(gone.status()).as(gone.body()).isEqualTo(204);
        assertThat(seller.get("quotedetails?$select=quotedetailid&$filter=_quoteid_value%20eq%20" + quote).json()
                .path("value")).isEmpty();
    }

    /**
     * The bad-input error of a bundle speaks the caller's language (their {@code uilanguage}): removing a required
     * product of a bundle alone is refused with the Spanish and the Brazilian Portuguese text of the bundles, the
     * document named by its entity's label in that language.
     */
    @Test
    void theRequiredBundleProductErrorSpeaksSpanishAndPortuguese() {
        String bundle = bundle();
        Principals people = new Principals(org);
        UUID unit = people.businessUnit("Bundle languages", people.rootUnit());
        Map<String, String> expected = Map.of(
                "es", "El producto 'Laptop " + catalog.run + "' es un producto obligatorio de su agrupación y no se "
                        + "puede quitar por sí solo (oferta); quite la agrupación para quitarlo.",
                "pt-BR", "O produto 'Laptop " + catalog.run + "' é um produto obrigatório do seu pacote e não pode "
                        + "ser removido sozinho (cotação); remova o pacote para removê-lo.");
        for (String language : List.of("es", "pt-BR")) {
            UUID user = people.user("bundle" + language.replace("-", "").toLowerCase(), unit, "Salesperson");
            org.update(new Entity("systemuser", user).set("uilanguage", language));
            ApiClient speaker = ApiClient.signedIn(port, people, user);
            String quote = quote(speaker);
            create(speaker, "quotedetails", "{\"quoteid@odata.bind\":\"/quotes(" + quote + ")\","
                    + "\"productid@odata.bind\":\"/products(" + bundle + ")\",\"quantity\":1}");
            JsonNode laptop = get(speaker, "quotedetails?$select=productname&$filter=_quoteid_value%20eq%20" + quote
                    + "%20and%20producttypecode%20eq%203").path("value").get(0);
            Response refused = speaker.delete("quotedetails(" + laptop.path("quotedetailid").asText() + ")");
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
            assertThat(refused.errorMessage()).as(language).isEqualTo(expected.get(language));
            assertThat(get(speaker, "quotedetails?$select=quotedetailid&$filter=_quoteid_value%20eq%20" + quote)
                    .path("value")).hasSize(3);
        }
    }
}
