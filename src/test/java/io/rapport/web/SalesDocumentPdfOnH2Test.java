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
import io.rapport.testing.OnH2;
import io.rapport.testing.Principals;
import io.rapport.testing.SalesCatalog;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A salesperson downloads a quote as a PDF from its form: number, customer, lines and totals in the user's language
 * and number format; a marketer (no quote privileges) gets the same refusal as the form page. Shares its
 * application context with {@link WebPagesOnH2Test} (same configuration).
 */
@OnH2
@AutoConfigureMockMvc
class SalesDocumentPdfOnH2Test {

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganizationService org;

    @Test
    void aQuoteAsPdfInTheUsersLanguage() throws Exception {
        SalesCatalog catalog = new SalesCatalog(org);
        Principals people = new Principals(org);
        UUID unit = people.businessUnit("Sales PDF", people.rootUnit());
        UUID user = people.user("pdfseller", unit, "Salesperson");
        RequestPostProcessor as = as(people, user, unit, "en");
        RequestPostProcessor asSpanish = as(people, user, unit, "es");
        UUID account = org.create(new Entity("account").set("name", "Infosys PDF " + catalog.run)
                .set("defaultpricelevelid", SalesCatalog.ref("pricelevel", catalog.priceList))
                .set("address1_line1", "Av. Paulista, 1000").set("address1_city", "São Paulo")
                .set("address1_stateorprovince", "SP").set("address1_postalcode", "01310-100")
                .set("address1_country", "Brasil"));
        String location = mvc.perform(post("/app/account/" + account + "/new/quote").with(as).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        UUID quote = UUID.fromString(location.substring("/app/quote/".length()));
        mvc.perform(post("/app/quote/" + quote + "/lines").with(as).with(csrf()).param("productid",
                catalog.laptop.toString()).param("quantity", "2")).andExpect(status().isOk());
        mvc.perform(post("/app/quote/" + quote + "/lines").with(as).with(csrf()).param("productid", "")
                .param("productdescription", "Installation").param("priceperunit", "1000").param("quantity", "1")
                .param("tax", "10")).andExpect(status().isOk());
        Entity q = org.retrieve("quote", quote, ColumnSet.of("quotenumber", "totalamount"));
        assertThat(q.getDecimal("totalamount")).isEqualByComparingTo("3510.00");
        String number = q.getString("quotenumber");

        String form = mvc.perform(get("/app/quote/" + quote).with(as).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("id=\"document-pdf\"").contains("href=\"/app/quote/" + quote + "/pdf\"");

        MockHttpServletResponse en = mvc.perform(get("/app/quote/" + quote + "/pdf").with(as)
                .header("Accept-Language", "en")).andExpect(status().isOk()).andReturn().getResponse();
        assertThat(en.getContentType()).isEqualTo("application/pdf");
        assertThat(en.getHeader("Content-Disposition")).contains("filename=\"" + number + ".pdf\"");
        String text = text(en.getContentAsByteArray());
        System.out.println("PDF-EN\n" + text);
        assertThat(text).contains("Rapport").contains("Quote " + number).contains("Infosys PDF " + catalog.run)
                .contains("Laptop " + catalog.run).contains("Installation").contains("Extended amount")
                .contains("Total amount $3,510.00").contains("Freight $0.00").contains("$2,500.00").contains("$1,010.00");
        // the bill-to and ship-to addresses, filled from the account, in Brazil's order
        String brazilian = "Infosys PDF " + catalog.run + "\nAv. Paulista, 1000\nSão Paulo - SP\n01310-100\nBrasil\n";
        assertThat(text).contains("Bill To\n" + brazilian + "Ship To\n" + brazilian);

        MockHttpServletResponse es = mvc.perform(get("/app/quote/" + quote + "/pdf").with(asSpanish)
                .header("Accept-Language", "es")).andExpect(status().isOk()).andReturn().getResponse();
        String spanish = text(es.getContentAsByteArray());
        System.out.println("PDF-ES\n" + spanish);
        assertThat(spanish).contains("Oferta " + number).contains("Importe extendido").contains("Cliente")
                .contains("Facturar a")
                .contains("Importe total 3.510,00 US$").contains("2.500,00 US$").doesNotContain("Extended amount");

        // "Send by email": a draft email regarding the quote with the quote's PDF attached, opened to be sent
        assertThat(form).contains("id=\"document-email\"");
        String emailUrl = mvc.perform(post("/app/quote/" + quote + "/email").with(as).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(emailUrl).startsWith("/app/email/");
        UUID email = UUID.fromString(emailUrl.substring("/app/email/".length()));
        Entity draft = org.retrieve("email", email, ColumnSet.of("subject", "regardingobjectid", "statecode",
                "ownerid"));
        assertThat(draft.getString("subject")).startsWith(number);
        assertThat(draft.getReference("regardingobjectid").id()).isEqualTo(quote);
        assertThat(draft.getReference("ownerid").id()).isEqualTo(user);
        assertThat(draft.getInteger("statecode")).isZero();
        List<Entity> files = org.retrieveMultiple(io.rapport.query.QueryExpression.from("activitymimeattachment")
                .select("filename", "mimetype", "body").where(io.rapport.query.Condition.eq("objectid", email))
                .build()).entities();
        assertThat(files).singleElement().satisfies(f -> {
            assertThat(f.getString("filename")).isEqualTo(number + ".pdf");
            assertThat(f.getString("mimetype")).isEqualTo("application/pdf");
            assertThat(text(java.util.Base64.getDecoder().decode(f.getString("body")))).contains("Quote " + number);
        });
        String emailForm = mvc.perform(get(emailUrl).with(as).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(emailForm).contains("id=\"mail-panel\"").contains("id=\"mail-send\"")
                .contains("action=\"/app/email/" + email + "/send\"");

        UUID other = people.user("pdfmarketer", unit, "Marketing Professional");
        RequestPostProcessor asOther = as(people, other, unit, "en");
        int formStatus = mvc.perform(get("/app/quote/" + quote).with(asOther)).andReturn().getResponse().getStatus();
        assertThat(formStatus).as("a Marketing Professional has no read access to quotes").isEqualTo(403);
        mvc.perform(get("/app/quote/" + quote + "/pdf").with(asOther)).andExpect(status().is(formStatus));
        mvc.perform(get("/app/account/" + account + "/pdf").with(as)).andExpect(status().isNotFound());
        mvc.perform(post("/app/quote/" + quote + "/email").with(asOther).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(org.retrieveMultiple(io.rapport.query.QueryExpression.from("email").select("subject")
                .where(io.rapport.query.Condition.eq("regardingobjectid", quote)).build()).entities()).hasSize(1);
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
