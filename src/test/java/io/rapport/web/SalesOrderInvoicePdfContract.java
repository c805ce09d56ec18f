package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.security.RapportPrincipal;
import io.rapport.testing.Principals;
import io.rapport.testing.SalesCatalog;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A salesperson's quote (a catalog line with volume and manual discount, a write-in with tax, header discount and
 * freight) becomes an order and then an invoice from the form buttons; each prints as a PDF whose number, lines and
 * totals read back exactly, in English and in the user's other language.
 */
abstract class SalesOrderInvoicePdfContract {

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganizationService org;

    @Test
    void anOrderAndItsInvoiceAsPdf() throws Exception {
        SalesCatalog catalog = new SalesCatalog(org);
        Principals people = new Principals(org);
        UUID unit = people.businessUnit("Sales PDF orders", people.rootUnit());
        UUID user = people.user("orderpdf", unit, "Salesperson");
        RequestPostProcessor as = as(people, user, unit, "en");
        UUID account = org.create(new Entity("account").set("name", "Tata PDF " + catalog.run)
                .set("defaultpricelevelid", SalesCatalog.ref("pricelevel", catalog.priceList)));
        String location = mvc.perform(post("/app/account/" + account + "/new/quote").with(as).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        UUID quote = UUID.fromString(location.substring("/app/quote/".length()));
        // 10 laptops at 1,250.00 less 4 % volume discount = 12,000.00, less 300.00: 11,700.00
        mvc.perform(post("/app/quote/" + quote + "/lines").with(as).with(csrf()).param("productid",
                catalog.laptop.toString()).param("quantity", "10").param("manualdiscountamount", "300"))
                .andExpect(status().isOk());
        mvc.perform(post("/app/quote/" + quote + "/lines").with(as).with(csrf()).param("productid", "")
                .param("productdescription", "Installation").param("priceperunit", "1000").param("quantity", "1")
                .param("tax", "10")).andExpect(status().isOk());
        people.as(user).update(new Entity("quote", quote).set("discountamount", new BigDecimal("50"))
                .set("freightamount", new BigDecimal("150")));
        // 12,700.00 − 50.00 + 150.00 + 10.00
        assertThat(org.retrieve("quote", quote, ColumnSet.of("totalamount")).getDecimal("totalamount"))
                .isEqualByComparingTo("12810.00");
        step(as, "/app/quote/" + quote + "/activate");
        step(as, "/app/quote/" + quote + "/win");
        String orderUrl = step(as, "/app/quote/" + quote + "/order");
        assertThat(orderUrl).startsWith("/app/salesorder/");
        UUID order = UUID.fromString(orderUrl.substring("/app/salesorder/".length()));
        String orderNumber = org.retrieve("salesorder", order, ColumnSet.of("ordernumber")).getString("ordernumber");
        assertThat(orderNumber).matches("ORD-\\d{5,}");

        MockHttpServletResponse orderPdf = pdf(as, "salesorder", order, "en");
        assertThat(orderPdf.getHeader("Content-Disposition")).contains("filename=\"" + orderNumber + ".pdf\"");
        String text = text(orderPdf.getContentAsByteArray());
        assertThat(text).contains("Order " + orderNumber).contains("Tata PDF " + catalog.run)
                .contains("Laptop " + catalog.run).contains("Installation")
                .contains("Detail amount $12,700.00").contains("Total discount $50.00").contains("Freight $150.00")
                .contains("Total tax $10.00").contains("Total amount $12,810.00")
                .contains("$11,700.00").contains("$1,010.00");
        String orderEs = text(pdf(as(people, user, unit, "es"), "salesorder", order, "es").getContentAsByteArray());
        assertThat(orderEs).contains("Pedido " + orderNumber).contains("Importe total 12.810,00 US$")
                .contains("Flete 150,00 US$").doesNotContain("Total amount");

        String invoiceUrl = step(as, "/app/salesorder/" + order + "/invoice");
        assertThat(invoiceUrl).startsWith("/app/invoice/");
        UUID invoice = UUID.fromString(invoiceUrl.substring("/app/invoice/".length()));
        String invoiceNumber = org.retrieve("invoice", invoice, ColumnSet.of("invoicenumber"))
                .getString("invoicenumber");
        assertThat(invoiceNumber).matches("INV-\\d{5,}");
        MockHttpServletResponse invoicePdf = pdf(as, "invoice", invoice, "en");
        assertThat(invoicePdf.getHeader("Content-Disposition")).contains("filename=\"" + invoiceNumber + ".pdf\"");
        String invoiceText = text(invoicePdf.getContentAsByteArray());
        assertThat(invoiceText).contains("Invoice " + invoiceNumber).contains("Tata PDF " + catalog.run)
                .contains("Laptop " + catalog.run).contains("Detail amount $12,700.00")
                .contains("Total discount $50.00").contains("Freight $150.00").contains("Total tax $10.00")
                .contains("Total amount $12,810.00");
        String invoicePt = text(pdf(as(people, user, unit, "pt-BR"), "invoice", invoice, "pt-BR")
                .getContentAsByteArray());
        assertThat(invoicePt).contains("Fatura " + invoiceNumber).contains("Valor total US$ 12.810,00")
                .contains("Frete US$ 150,00");
    }

    /** A lifecycle button: redirected, without an alert; returns where it led. */
    private String step(RequestPostProcessor as, String url) throws Exception {
        var result = mvc.perform(post(url).with(as).with(csrf())).andExpect(status().is3xxRedirection()).andReturn();
        assertThat(result.getFlashMap().get("alert")).as(url).isNull();
        return result.getResponse().getRedirectedUrl();
    }

    private MockHttpServletResponse pdf(RequestPostProcessor as, String entity, UUID id, String language)
            throws Exception {
        MockHttpServletResponse r = mvc.perform(get("/app/" + entity + "/" + id + "/pdf").with(as)
                .header("Accept-Language", language)).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(r.getContentType()).isEqualTo("application/pdf");
        return r;
    }

    private static RequestPostProcessor as(Principals people, UUID user, UUID unit, String language) {
        String name = people.userName(user);
        return authentication(UsernamePasswordAuthenticationToken.authenticated(
                new RapportPrincipal(user, name, name, unit, language), null, List.of()));
    }

    /** The PDF's text, with the no-break spaces of formatted numbers read as spaces. */
    private static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc).replace('\u00a0', ' ').replace('\u202f', ' ');
        }
    }
}
