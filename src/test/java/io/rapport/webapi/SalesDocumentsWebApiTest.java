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
 * Issue 13's seed path over the Web API, as a salesperson (built-in Salesperson role only, child business unit):
 * account Wipro with a default price list → a quote filled in from the account (InitializeFrom) → two catalog lines
 * (one with a volume discount) and a write-in, manual discount, tax, header discount and freight → totals to the cent
 * → activate → revise → activate → win → order → fulfill → invoice → paid, and the account shows the invoiced
 * revenue. Each bad input of the issue answers 400 with the Dataverse error body and changes nothing.
 */
abstract class SalesDocumentsWebApiTest {

    @OnH2
    static class H2 extends SalesDocumentsWebApiTest {
    }

    @OnPostgres
    static class Postgres extends SalesDocumentsWebApiTest {
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
        UUID unit = people.businessUnit("Sales", people.rootUnit());
        UUID user = people.user("seller", unit, "Salesperson");
        api = new ApiClient(port).withAuthorization("Basic " + Base64.getEncoder().encodeToString(
                (people.userName(user) + ":" + Principals.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        account = org.create(new Entity("account").set("name", "Wipro " + catalog.run)
                .set("defaultpricelevelid", SalesCatalog.ref("pricelevel", catalog.priceList))
                .set("address1_line1", "Doddakannelli, Sarjapur Road").set("address1_city", "Bengaluru")
                .set("address1_postalcode", "560035").set("address1_country", "India").set("paymenttermscode", 1)
                .set("address1_shippingmethodcode", 3).set("address1_freighttermscode", 1)).toString();
    }

    private static BigDecimal money(JsonNode record, String attribute) {
        return record.path(attribute).decimalValue();
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

    private void fails(Response r, String message) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.errorCode()).startsWith("0x");
        assertThat(r.errorMessage()).contains(message);
    }

    private String line(String quote, String json) {
        return create("quotedetails", "{\"quoteid@odata.bind\":\"/quotes(" + quote + ")\"," + json + "}");
    }

    private String product(UUID id) {
        return "\"productid@odata.bind\":\"/products(" + id + ")\"";
    }

    private String unit(UUID id) {
        return "\"uomid@odata.bind\":\"/uoms(" + id + ")\"";
    }

    private void assertSeedTotals(JsonNode q) {
        assertThat(money(q, "totallineitemamount")).isEqualByComparingTo("12452.97");
        assertThat(money(q, "totallineitemdiscountamount")).isEqualByComparingTo("300.00");
        assertThat(money(q, "totaldiscountamount")).isEqualByComparingTo("622.65");
        assertThat(money(q, "totalamountlessfreight")).isEqualByComparingTo("11830.32");
        assertThat(money(q, "freightamount")).isEqualByComparingTo("150.00");
        assertThat(money(q, "totaltax")).isEqualByComparingTo("1200.30");
        assertThat(money(q, "totalamount")).isEqualByComparingTo("13180.62");
    }

    @Test
    void wiproFromQuoteToPaidInvoice() {
        // filled in from the account through the entity mappings
        JsonNode init = get("InitializeFrom(EntityMoniker=@p1,TargetEntityName=@p2,TargetFieldType=@p3)?@p1="
                + ApiClient.enc("{\"@odata.id\":\"accounts(" + account + ")\"}") + "&@p2='quote'&@p3=0");
        assertThat(init.path("@odata.context").asText()).endsWith("$metadata#quotes/$entity");
        assertThat(init.path("_customerid_value").asText()).isEqualTo(account);
        assertThat(init.path("_pricelevelid_value").asText()).isEqualTo(catalog.priceList.toString());
        assertThat(init.path("_transactioncurrencyid_value").asText()).isEqualTo(catalog.currency.toString());
        assertThat(init.path("billto_name").asText()).isEqualTo("Wipro " + catalog.run);
        assertThat(init.path("billto_city").asText()).isEqualTo("Bengaluru");
        assertThat(init.path("shipto_line1").asText()).isEqualTo("Doddakannelli, Sarjapur Road");
        assertThat(init.path("shipto_postalcode").asText()).isEqualTo("560035");
        assertThat(init.path("paymenttermscode").asInt()).isEqualTo(1);
        assertThat(init.path("shippingmethodcode").asInt()).isEqualTo(3);
        assertThat(init.path("freighttermscode").asInt()).isEqualTo(1);

        String quote = create("quotes", "{\"name\":\"Laptops for Wipro\",\"customerid_account@odata.bind\":"
                + "\"/accounts(" + account + ")\",\"pricelevelid@odata.bind\":\"/pricelevels(" + catalog.priceList
                + ")\",\"billto_name\":\"" + init.path("billto_name").asText() + "\",\"billto_city\":\"Bengaluru\","
                + "\"shipto_line1\":\"Doddakannelli, Sarjapur Road\",\"shipto_city\":\"Bengaluru\","
                + "\"paymenttermscode\":1,\"shippingmethodcode\":3,\"freighttermscode\":1}");
        JsonNode q = get("quotes(" + quote + ")");
        assertThat(q.path("quotenumber").asText()).matches("QUO-\\d{5,}");
        assertThat(q.path("revisionnumber").asInt()).isZero();
        assertThat(q.path("_transactioncurrencyid_value").asText()).isEqualTo(catalog.currency.toString());
        assertThat(q.path("statecode").asInt()).isZero();

        String laptops = line(quote, product(catalog.laptop) + "," + unit(catalog.each) + ",\"quantity\":10,"
                + "\"manualdiscountamount\":300,\"tax\":1170");
        line(quote, product(catalog.dock) + ",\"quantity\":3,\"tax\":30.30");
        line(quote, "\"isproductoverridden\":true,\"productdescription\":\"Installation service\",\"priceperunit\":450,"
                + "\"quantity\":1");
        JsonNode l = get("quotedetails(" + laptops + ")");
        assertThat(money(l, "priceperunit")).isEqualByComparingTo("1250.00");
        assertThat(money(l, "volumediscountamount")).isEqualByComparingTo("50.00");
        assertThat(money(l, "baseamount")).isEqualByComparingTo("12000.00");
        assertThat(money(l, "extendedamount")).isEqualByComparingTo("12870.00");
        Response patched = api.patch("quotes(" + quote + ")", "{\"discountpercentage\":5,\"freightamount\":150}");
        assertThat(patched.status()).as(patched.body()).isEqualTo(204);
        assertSeedTotals(get("quotes(" + quote + ")"));

        // bad input: a clear 400, nothing changed
        String q1 = "{\"quoteid@odata.bind\":\"/quotes(" + quote + ")\",";
        fails(api.post("quotedetails", q1 + product(catalog.laptop) + "," + unit(catalog.box) + ",\"quantity\":1}"),
                "is not on the price list");
        fails(api.post("quotedetails", q1 + product(catalog.laptop) + "," + unit(catalog.hour) + ",\"quantity\":1}"),
                "is not in the unit group");
        assertThat(api.post("quotedetails", q1 + product(catalog.laptop) + ",\"quantity\":-1}").status())
                .isEqualTo(400);
        assertThat(api.post("quotedetails", q1 + "\"isproductoverridden\":true,\"productdescription\":\"X\","
                + "\"priceperunit\":-5,\"quantity\":1}").status()).isEqualTo(400);
        fails(api.post("quotedetails", q1 + product(catalog.modem) + ",\"quantity\":1}"), "is not active (Retired)");
        fails(api.patch("quotes(" + quote + ")", "{\"pricelevelid@odata.bind\":\"/pricelevels("
                + catalog.otherPriceList + ")\"}"), "is in another currency");
        fails(api.post("ConvertQuoteToSalesOrder", "{\"QuoteId\":\"" + quote + "\"}"), "only won quotes");
        assertThat(get("quotedetails?$filter=_quoteid_value%20eq%20" + quote + "&$select=quotedetailid")
                .path("value")).hasSize(3);
        assertSeedTotals(get("quotes(" + quote + ")"));

        // activate, then a change needs a revision
        Response activated = api.patch("quotes(" + quote + ")", "{\"statecode\":1,\"statuscode\":2}");
        assertThat(activated.status()).as(activated.body()).isEqualTo(204);
        fails(api.patch("quotes(" + quote + ")", "{\"description\":\"changed\"}"), "Revise it to change it");
        fails(api.post("quotedetails", q1 + product(catalog.dock) + ",\"quantity\":1}"), "cannot be changed");
        Response revised = api.post("ReviseQuote", "{\"QuoteId\":\"" + quote + "\"}");
        assertThat(revised.status()).as(revised.body()).isEqualTo(200);
        JsonNode next = revised.json();
        assertThat(next.path("@odata.context").asText()).endsWith("$metadata#quotes/$entity");
        String quote2 = next.path("quoteid").asText();
        assertThat(next.path("quotenumber").asText()).isEqualTo(q.path("quotenumber").asText());
        assertThat(next.path("revisionnumber").asInt()).isEqualTo(1);
        assertThat(next.path("statecode").asInt()).isZero();
        JsonNode old = get("quotes(" + quote + ")?$select=statecode,statuscode");
        assertThat(old.path("statecode").asInt()).isEqualTo(3);
        assertThat(old.path("statuscode").asInt()).isEqualTo(7);
        assertSeedTotals(get("quotes(" + quote2 + ")"));

        assertThat(api.patch("quotes(" + quote2 + ")", "{\"statecode\":1,\"statuscode\":2}").status()).isEqualTo(204);
        Response won = api.post("WinQuote", "{\"Status\":4,\"QuoteClose\":{\"subject\":\"Wipro said yes\","
                + "\"quoteid@odata.bind\":\"/quotes(" + quote2 + ")\"}}");
        assertThat(won.status()).as(won.body()).isEqualTo(204);
        JsonNode wonQuote = get("quotes(" + quote2 + ")?$select=statecode,statuscode");
        assertThat(wonQuote.path("statecode").asInt()).isEqualTo(2);
        assertThat(wonQuote.path("statuscode").asInt()).isEqualTo(4);
        assertThat(get("quotecloses?$filter=_quoteid_value%20eq%20" + quote2 + "&$select=subject,revision").path("value"))
                .singleElement().satisfies(c -> {
                    assertThat(c.path("subject").asText()).isEqualTo("Wipro said yes");
                    assertThat(c.path("revision").asInt()).isEqualTo(1);
                });

        Response converted = api.post("ConvertQuoteToSalesOrder", "{\"QuoteId\":\"" + quote2 + "\","
                + "\"ColumnSet\":{\"AllColumns\":true}}");
        assertThat(converted.status()).as(converted.body()).isEqualTo(200);
        JsonNode order = converted.json();
        assertThat(order.path("@odata.context").asText()).endsWith("$metadata#salesorders/$entity");
        String orderId = order.path("salesorderid").asText();
        assertThat(order.path("ordernumber").asText()).matches("ORD-\\d{5,}");
        assertThat(order.path("_quoteid_value").asText()).isEqualTo(quote2);
        assertSeedTotals(order);
        Response fulfilled = api.post("FulfillSalesOrder", "{\"Status\":100001,\"OrderClose\":{\"subject\":\"Shipped\","
                + "\"salesorderid@odata.bind\":\"/salesorders(" + orderId + ")\"}}");
        assertThat(fulfilled.status()).as(fulfilled.body()).isEqualTo(204);
        assertThat(get("salesorders(" + orderId + ")?$select=statecode").path("statecode").asInt()).isEqualTo(3);
        fails(api.post("CancelSalesOrder", "{\"Status\":4,\"OrderClose\":{\"salesorderid@odata.bind\":"
                + "\"/salesorders(" + orderId + ")\"}}"), "cannot be canceled");

        Response invoiced = api.post("ConvertSalesOrderToInvoice", "{\"SalesOrderId\":\"" + orderId + "\"}");
        assertThat(invoiced.status()).as(invoiced.body()).isEqualTo(200);
        JsonNode invoice = invoiced.json();
        String invoiceId = invoice.path("invoiceid").asText();
        assertThat(invoice.path("invoicenumber").asText()).matches("INV-\\d{5,}");
        assertSeedTotals(invoice);
        assertThat(get("invoicedetails?$filter=_invoiceid_value%20eq%20" + invoiceId + "&$select=invoicedetailid")
                .path("value")).hasSize(3);

        assertThat(api.post("LockInvoicePricing", "{\"InvoiceId\":\"" + invoiceId + "\"}").status()).isEqualTo(204);
        fails(api.patch("invoices(" + invoiceId + ")", "{\"freightamount\":10}"), "are locked");
        assertThat(api.post("UnlockInvoicePricing", "{\"InvoiceId\":\"" + invoiceId + "\"}").status()).isEqualTo(204);
        Response paid = api.patch("invoices(" + invoiceId + ")", "{\"statecode\":2,\"statuscode\":100001}");
        assertThat(paid.status()).as(paid.body()).isEqualTo(204);
        fails(api.patch("invoices(" + invoiceId + ")", "{\"freightamount\":10}"), "cannot be changed");

        JsonNode a = get("accounts(" + account + ")?$select=invoicedrevenue,invoicedrevenuethisyear,orderedrevenue,"
                + "openquotevalue");
        assertThat(money(a, "invoicedrevenue")).isEqualByComparingTo("13180.62");
        assertThat(money(a, "invoicedrevenuethisyear")).isEqualByComparingTo("13180.62");
        assertThat(money(a, "orderedrevenue")).isEqualByComparingTo("13180.62");
        assertThat(money(a, "openquotevalue")).isEqualByComparingTo("0");
    }
}
