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
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Issue 13's messages the seed path does not call, over the Web API by their Dataverse names as a salesperson:
 * GenerateQuoteFromOpportunity, GenerateSalesOrderFromOpportunity, GenerateInvoiceFromOpportunity and the bound
 * Get{Quote,SalesOrder,Invoice}ProductsFromOpportunity (the opportunity's products on the document), a quote with its
 * lines in one deep insert,
 * CalculatePrice, CloseQuote (Lost), Lock/UnlockSalesOrderPricing and CancelSalesOrder, each answering with Dataverse's
 * shape (the record for Generate…, 204 for the others).
 */
abstract class SalesMessagesWebApiTest {

    @OnH2
    static class H2 extends SalesMessagesWebApiTest {
    }

    @OnPostgres
    static class Postgres extends SalesMessagesWebApiTest {
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
        UUID unit = people.businessUnit("Sales messages", people.rootUnit());
        api = ApiClient.signedIn(port, people, people.user("messenger", unit, "Salesperson"));
        account = create("accounts", "{\"name\":\"Messages " + catalog.run + "\"}");
    }

    private String create(String set, String json) {
        Response r = api.post(set, json);
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        return ApiClient.idOf(r);
    }

    private JsonNode get(String path) {
        Response r = api.get(path);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private void noContent(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(204);
    }

    private String quoteWithALaptop() {
        String quote = create("quotes", "{\"name\":\"Messages quote " + catalog.run + "\",\"customerid_account@odata.bind\":"
                + "\"/accounts(" + account + ")\",\"pricelevelid@odata.bind\":\"/pricelevels(" + catalog.priceList + ")\"}");
        create("quotedetails", "{\"quoteid@odata.bind\":\"/quotes(" + quote + ")\",\"productid@odata.bind\":\"/products("
                + catalog.laptop + ")\",\"quantity\":2}");
        return quote;
    }

    @Test
    void quotesFromAnOpportunitysProductsAndRepricing() {
        String opportunity = create("opportunities", "{\"name\":\"Messages deal " + catalog.run + "\","
                + "\"parentaccountid@odata.bind\":\"/accounts(" + account + ")\",\"customerid_account@odata.bind\":"
                + "\"/accounts(" + account + ")\",\"pricelevelid@odata.bind\":\"/pricelevels(" + catalog.priceList
                + ")\"}");
        create("opportunityproducts", "{\"opportunityid@odata.bind\":\"/opportunities(" + opportunity + ")\","
                + "\"productid@odata.bind\":\"/products(" + catalog.laptop + ")\",\"quantity\":5}");

        Response generated = api.post("GenerateQuoteFromOpportunity", "{\"OpportunityId\":\"" + opportunity + "\","
                + "\"ColumnSet\":{\"AllColumns\":true}}");
        assertThat(generated.status()).as(generated.body()).isEqualTo(200);
        JsonNode quote = generated.json();
        assertThat(quote.path("@odata.context").asText()).endsWith("$metadata#quotes/$entity");
        assertThat(quote.path("_opportunityid_value").asText()).isEqualTo(opportunity);
        assertThat(quote.path("_customerid_value").asText()).isEqualTo(account);
        // 5 × (1,250.00 − 2 % volume discount 25.00)
        assertThat(quote.path("totalamount").decimalValue()).isEqualByComparingTo("6125.00");
        String quoteId = quote.path("quoteid").asText();

        // the opportunity's products once more on the same quote
        noContent(api.post("quotes(" + quoteId + ")/Microsoft.Dynamics.CRM.GetQuoteProductsFromOpportunity",
                opportunityParameter(opportunity)));
        assertThat(get("quotedetails?$select=quantity&$filter=_quoteid_value%20eq%20" + quoteId).path("value"))
                .hasSize(2);
        assertThat(get("quotes(" + quoteId + ")?$select=totalamount").path("totalamount").decimalValue())
                .isEqualByComparingTo("12250.00");

        // a new list price reaches the quote's lines with CalculatePrice
        UUID item = org.retrieveMultiple(io.rapport.query.QueryExpression.from("productpricelevel")
                .columns(io.rapport.query.ColumnSet.none())
                .where(io.rapport.query.Condition.eq("pricelevelid", catalog.priceList))
                .where(io.rapport.query.Condition.eq("productid", catalog.laptop)).top(1).build()).entities().get(0).id();
        org.update(new Entity("productpricelevel", item).set("amount", new java.math.BigDecimal("1300.00")));
        noContent(api.post("CalculatePrice", "{\"Target\":{\"@odata.type\":\"Microsoft.Dynamics.CRM.quote\","
                + "\"quoteid\":\"" + quoteId + "\"}}"));
        // 2 × 5 × (1,300.00 − 26.00)
        assertThat(get("quotes(" + quoteId + ")?$select=totalamount").path("totalamount").decimalValue())
                .isEqualByComparingTo("12740.00");
        assertThat(get("accounts(" + account + ")?$select=openquotevalue").path("openquotevalue").decimalValue())
                .isEqualByComparingTo("12740.00");
    }

    private static String opportunityParameter(String opportunity) {
        return "{\"Opportunity\":{\"@odata.type\":\"Microsoft.Dynamics.CRM.opportunity\",\"opportunityid\":\""
                + opportunity + "\"}}";
    }

    private String opportunityWithLaptops(int quantity) {
        String opportunity = create("opportunities", "{\"name\":\"Messages deal " + catalog.run + "\","
                + "\"parentaccountid@odata.bind\":\"/accounts(" + account + ")\",\"customerid_account@odata.bind\":"
                + "\"/accounts(" + account + ")\",\"pricelevelid@odata.bind\":\"/pricelevels(" + catalog.priceList
                + ")\"}");
        create("opportunityproducts", "{\"opportunityid@odata.bind\":\"/opportunities(" + opportunity + ")\","
                + "\"productid@odata.bind\":\"/products(" + catalog.laptop + ")\",\"quantity\":" + quantity + "}");
        return opportunity;
    }

    /**
     * GenerateSalesOrderFromOpportunity and GenerateInvoiceFromOpportunity (unbound, OpportunityId and ColumnSet,
     * answering with the salesorder or invoice record) and the bound GetSalesOrderProductsFromOpportunity and
     * GetInvoiceProductsFromOpportunity (204).
     */
    @Test
    void ordersAndInvoicesFromAnOpportunity() {
        String opportunity = opportunityWithLaptops(5);
        Response order = api.post("GenerateSalesOrderFromOpportunity", "{\"OpportunityId\":\"" + opportunity
                + "\",\"ColumnSet\":{\"AllColumns\":true}}");
        assertThat(order.status()).as(order.body()).isEqualTo(200);
        JsonNode o = order.json();
        assertThat(o.path("@odata.context").asText()).endsWith("$metadata#salesorders/$entity");
        assertThat(o.path("_opportunityid_value").asText()).isEqualTo(opportunity);
        assertThat(o.path("_customerid_value").asText()).isEqualTo(account);
        assertThat(o.path("_pricelevelid_value").asText()).isEqualTo(catalog.priceList.toString());
        assertThat(o.path("ordernumber").asText()).startsWith("ORD-");
        assertThat(o.path("statecode").asInt()).isZero();
        // 5 × (1,250.00 − 2 % volume discount 25.00)
        assertThat(o.path("totalamount").decimalValue()).isEqualByComparingTo("6125.00");
        String orderId = o.path("salesorderid").asText();
        noContent(api.post("salesorders(" + orderId + ")/Microsoft.Dynamics.CRM.GetSalesOrderProductsFromOpportunity",
                opportunityParameter(opportunity)));
        JsonNode lines = get("salesorderdetails?$select=quantity,priceperunit,extendedamount&$filter=_salesorderid_value"
                + "%20eq%20" + orderId).path("value");
        assertThat(lines).hasSize(2);
        lines.forEach(l -> assertThat(l.path("extendedamount").decimalValue()).isEqualByComparingTo("6125.00"));
        assertThat(get("salesorders(" + orderId + ")?$select=totalamount").path("totalamount").decimalValue())
                .isEqualByComparingTo("12250.00");

        Response invoice = api.post("GenerateInvoiceFromOpportunity", "{\"OpportunityId\":\"" + opportunity
                + "\",\"ColumnSet\":{\"Columns\":[\"invoicenumber\",\"totalamount\"]}}");
        assertThat(invoice.status()).as(invoice.body()).isEqualTo(200);
        JsonNode i = invoice.json();
        assertThat(i.path("@odata.context").asText()).endsWith("$metadata#invoices/$entity");
        assertThat(i.path("invoicenumber").asText()).startsWith("INV-");
        assertThat(i.path("totalamount").decimalValue()).isEqualByComparingTo("6125.00");
        String invoiceId = i.path("invoiceid").asText();
        JsonNode stored = get("invoices(" + invoiceId + ")?$select=_opportunityid_value,_customerid_value");
        assertThat(stored.path("_opportunityid_value").asText()).isEqualTo(opportunity);
        assertThat(stored.path("_customerid_value").asText()).isEqualTo(account);
        noContent(api.post("invoices(" + invoiceId + ")/Microsoft.Dynamics.CRM.GetInvoiceProductsFromOpportunity",
                opportunityParameter(opportunity)));
        assertThat(get("invoicedetails?$select=quantity&$filter=_invoiceid_value%20eq%20" + invoiceId).path("value"))
                .hasSize(2);
        assertThat(get("invoices(" + invoiceId + ")?$select=totalamount").path("totalamount").decimalValue())
                .isEqualByComparingTo("12250.00");

        // bound to another kind of document, or naming a missing opportunity: a clear 4xx, nothing copied
        Response wrong = api.post("quotes(" + orderId + ")/Microsoft.Dynamics.CRM.GetInvoiceProductsFromOpportunity",
                opportunityParameter(opportunity));
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(404);
        Response missing = api.post("invoices(" + invoiceId
                + ")/Microsoft.Dynamics.CRM.GetInvoiceProductsFromOpportunity", opportunityParameter(UUID.randomUUID()
                        .toString()));
        assertThat(missing.status()).as(missing.body()).isEqualTo(404);
        assertThat(get("invoicedetails?$select=quantity&$filter=_invoiceid_value%20eq%20" + invoiceId).path("value"))
                .hasSize(2);
    }

    /**
     * A quote created with its lines in one request, as a client does (deep insert: {@code quote_details} in the
     * POST): the lines priced from the price list, the totals computed once at the end, the customer's open quote
     * value with them; a bad line refuses the whole request and nothing is created.
     */
    @Test
    void aQuoteWithItsLinesInOneDeepInsert() {
        StringBuilder lines = new StringBuilder();
        for (int n = 1; n <= 20; n++) {
            lines.append(n == 1 ? "" : ",").append("{\"productid@odata.bind\":\"/products(").append(catalog.laptop)
                    .append(")\",\"uomid@odata.bind\":\"/uoms(").append(catalog.each).append(")\",\"quantity\":")
                    .append(n).append(",\"tax\":1}");
        }
        String body = "{\"name\":\"Deep " + catalog.run + "\",\"customerid_account@odata.bind\":\"/accounts("
                + account + ")\",\"pricelevelid@odata.bind\":\"/pricelevels(" + catalog.priceList + ")\","
                + "\"quote_details\":[" + lines + "]}";
        Response created = api.post("quotes", body);
        assertThat(created.status()).as(created.body()).isEqualTo(204);
        String quote = ApiClient.idOf(created);
        // Σ n × 1,250.00 less the volume discount (2 % from 5, 4 % from 10), 1.00 tax each
        JsonNode q = get("quotes(" + quote + ")?$select=totallineitemamount,totaltax,totalamount,totalamount_base");
        assertThat(q.path("totallineitemamount").decimalValue()).isEqualByComparingTo("253375.00");
        assertThat(q.path("totaltax").decimalValue()).isEqualByComparingTo("20.00");
        assertThat(q.path("totalamount").decimalValue()).isEqualByComparingTo("253395.00");
        assertThat(q.path("totalamount_base").decimalValue()).isEqualByComparingTo("253395.00");
        assertThat(get("quotedetails?$select=quantity&$filter=_quoteid_value%20eq%20" + quote).path("value"))
                .hasSize(20);
        assertThat(get("accounts(" + account + ")?$select=openquotevalue").path("openquotevalue").decimalValue())
                .isEqualByComparingTo("253395.00");

        Response refused = api.post("quotes", body.replace("\"quantity\":20", "\"quantity\":-1")
                .replace("Deep ", "Refused "));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(get("quotes?$select=name&$filter=name%20eq%20'Refused%20" + catalog.run + "'").path("value"))
                .isEmpty();
        assertThat(get("accounts(" + account + ")?$select=openquotevalue").path("openquotevalue").decimalValue())
                .isEqualByComparingTo("253395.00");
    }

    @Test
    void aQuoteLostAndAnOrderLockedThenCanceled() {
        String lost = quoteWithALaptop();
        noContent(api.patch("quotes(" + lost + ")", "{\"statecode\":1,\"statuscode\":2}"));
        noContent(api.post("CloseQuote", "{\"Status\":5,\"QuoteClose\":{\"subject\":\"Went elsewhere\","
                + "\"quoteid@odata.bind\":\"/quotes(" + lost + ")\"}}"));
        JsonNode q = get("quotes(" + lost + ")?$select=statecode,statuscode");
        assertThat(q.path("statecode").asInt()).isEqualTo(3);
        assertThat(q.path("statuscode").asInt()).isEqualTo(5);
        assertThat(get("quotecloses?$select=subject&$filter=_quoteid_value%20eq%20" + lost).path("value"))
                .singleElement().satisfies(c -> assertThat(c.path("subject").asText()).isEqualTo("Went elsewhere"));
        assertThat(get("accounts(" + account + ")?$select=openquotevalue").path("openquotevalue").decimalValue())
                .isEqualByComparingTo("0");

        String won = quoteWithALaptop();
        noContent(api.patch("quotes(" + won + ")", "{\"statecode\":1,\"statuscode\":2}"));
        noContent(api.post("WinQuote", "{\"Status\":4,\"QuoteClose\":{\"subject\":\"Yes\",\"quoteid@odata.bind\":"
                + "\"/quotes(" + won + ")\"}}"));
        Response converted = api.post("ConvertQuoteToSalesOrder", "{\"QuoteId\":\"" + won + "\"}");
        assertThat(converted.status()).as(converted.body()).isEqualTo(200);
        String order = converted.json().path("salesorderid").asText();
        assertThat(get("accounts(" + account + ")?$select=orderedrevenue").path("orderedrevenue").decimalValue())
                .isEqualByComparingTo("2500.00");

        noContent(api.post("LockSalesOrderPricing", "{\"SalesOrderId\":\"" + order + "\"}"));
        assertThat(get("salesorders(" + order + ")?$select=ispricelocked").path("ispricelocked").asBoolean()).isTrue();
        Response locked = api.patch("salesorders(" + order + ")", "{\"freightamount\":10}");
        assertThat(locked.status()).as(locked.body()).isEqualTo(400);
        assertThat(locked.errorMessage()).contains("are locked");
        noContent(api.post("UnlockSalesOrderPricing", "{\"SalesOrderId\":\"" + order + "\"}"));
        noContent(api.patch("salesorders(" + order + ")", "{\"freightamount\":10}"));
        assertThat(get("salesorders(" + order + ")?$select=totalamount").path("totalamount").decimalValue())
                .isEqualByComparingTo("2510.00");

        noContent(api.post("CancelSalesOrder", "{\"Status\":4,\"OrderClose\":{\"subject\":\"No budget\","
                + "\"salesorderid@odata.bind\":\"/salesorders(" + order + ")\"}}"));
        JsonNode o = get("salesorders(" + order + ")?$select=statecode,statuscode");
        assertThat(o.path("statecode").asInt()).isEqualTo(2);
        assertThat(o.path("statuscode").asInt()).isEqualTo(4);
        assertThat(get("ordercloses?$select=subject&$filter=_salesorderid_value%20eq%20" + order).path("value"))
                .singleElement().satisfies(c -> assertThat(c.path("subject").asText()).isEqualTo("No budget"));
        assertThat(get("accounts(" + account + ")?$select=orderedrevenue").path("orderedrevenue").decimalValue())
                .isEqualByComparingTo("0");
    }
}
