package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.security.RapportPrincipal;
import io.rapport.testing.OnH2;
import io.rapport.testing.Principals;
import io.rapport.testing.SalesCatalog;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The quote's line-item grid and totals show money in the user's locale and the quote's currency (the one
 * ValueFormatter: Spanish and Brazilian Portuguese here); and hand-written bad input in the quote form and the line
 * grid (wrong type, huge numbers, malformed values) answers with a message on the form, never a 5xx, and changes
 * nothing. Shares its application context with {@link WebPagesOnH2Test} (same configuration).
 */
@OnH2
@AutoConfigureMockMvc
class SalesFormsOnH2Test {

    /** The no-break space Java's formats put between number and currency symbol. */
    private static final String NBSP = "\u00a0";

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganizationService org;

    SalesCatalog catalog;
    Principals people;
    UUID user;
    UUID unit;
    UUID quote;

    @BeforeEach
    void setUp() throws Exception {
        catalog = new SalesCatalog(org);
        people = new Principals(org);
        unit = people.businessUnit("Sales forms", people.rootUnit());
        user = people.user("formseller", unit, "Salesperson");
        UUID account = org.create(new Entity("account").set("name", "Forms customer " + catalog.run)
                .set("defaultpricelevelid", SalesCatalog.ref("pricelevel", catalog.priceList)));
        String location = mvc.perform(post("/app/account/" + account + "/new/quote").with(as("en")).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        quote = UUID.fromString(location.substring("/app/quote/".length()));
    }

    private RequestPostProcessor as(String language) {
        String name = people.userName(user);
        return authentication(UsernamePasswordAuthenticationToken.authenticated(
                new RapportPrincipal(user, name, name, unit, language), null, List.of()));
    }

    private String grid(MockHttpServletRequestBuilder request, String language) throws Exception {
        return mvc.perform(request.with(as(language)).with(csrf()).header("Accept-Language", language))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
    }

    private String addLine(String language, String... params) throws Exception {
        MockHttpServletRequestBuilder r = post("/app/quote/" + quote + "/lines");
        for (int i = 0; i < params.length; i += 2) {
            r.param(params[i], params[i + 1]);
        }
        return grid(r, language);
    }

    @Test
    void moneyInTheGridReadsInTheUsersLocaleAndTheQuotesCurrency() throws Exception {
        String es = addLine("es", "productid", catalog.laptop.toString(), "quantity", "10", "manualdiscountamount",
                "300", "tax", "1170");
        assertThat(es).doesNotContain("id=\"line-error\"")
                .contains(">1.250,00" + NBSP + "US$<").contains(">50,00" + NBSP + "US$<")
                .contains(">12.870,00" + NBSP + "US$<")
                .contains("id=\"total-detail\">11.700,00" + NBSP + "US$<")
                .contains("id=\"total-discount\">0,00" + NBSP + "US$<")
                .contains("id=\"total-freight\">0,00" + NBSP + "US$<")
                .contains("id=\"total-tax\">1.170,00" + NBSP + "US$<")
                .contains("id=\"total-amount\">12.870,00" + NBSP + "US$<")
                // the inputs keep plain numbers the grid reads back
                .contains("name=\"manualdiscountamount\" value=\"300.00\"");

        String pt = grid(get("/app/quote/" + quote + "/lines"), "pt-BR");
        assertThat(pt).contains(">US$" + NBSP + "1.250,00<").contains(">US$" + NBSP + "12.870,00<")
                .contains("id=\"total-detail\">US$" + NBSP + "11.700,00<")
                .contains("id=\"total-amount\">US$" + NBSP + "12.870,00<");

        String en = grid(get("/app/quote/" + quote + "/lines"), "en");
        assertThat(en).contains(">$1,250.00<").contains("id=\"total-amount\">$12,870.00<");

        // a quote that may no longer change shows every amount formatted, the discount and tax too
        mvc.perform(post("/app/quote/" + quote + "/activate").with(as("es")).with(csrf()))
                .andExpect(status().is3xxRedirection());
        String active = grid(get("/app/quote/" + quote + "/lines"), "es");
        assertThat(active).doesNotContain("name=\"tax\"").contains("<td>300,00" + NBSP + "US$</td>")
                .contains("<td>1.170,00" + NBSP + "US$</td>").contains("<td>10,00000</td>");
    }

    @Test
    void badInputInTheLineGridIsAMessageAndChangesNothing() throws Exception {
        addLine("en", "productid", catalog.laptop.toString(), "quantity", "2");
        UUID line = org.retrieveMultiple(QueryExpression.from("quotedetail").columns(ColumnSet.none())
                .where(Condition.eq("quoteid", quote)).build()).entities().get(0).id();
        String[][] bad = {
            {"productid", catalog.laptop.toString(), "quantity", "abc"},
            {"productid", catalog.laptop.toString(), "quantity", "1e400"},
            {"productid", catalog.laptop.toString(), "quantity", "99999999999999999999999999999999999999999999"},
            {"productid", catalog.laptop.toString(), "quantity", "1e99999999999"},
            {"productid", catalog.laptop.toString(), "quantity", "1", "tax", "-5"},
            {"productid", catalog.laptop.toString(), "quantity", "1", "manualdiscountamount", "1.2.3"},
            {"productid", "not-a-product", "quantity", "1"},
            {"productid", UUID.randomUUID().toString(), "quantity", "1"},
            {"productid", "", "productdescription", "Service", "priceperunit", "1e20", "quantity", "1000000000"},
            {"productid", "", "productdescription", "Service", "priceperunit", "12,5x", "quantity", "1"},
        };
        for (String[] params : bad) {
            String grid = addLine("en", params);
            assertThat(grid).as(String.join(" ", params)).contains("id=\"line-error\"")
                    .contains("id=\"total-amount\">$2,500.00<");
        }
        for (String[] params : new String[][] {{"quantity", "abc"}, {"quantity", "1e400"}, {"tax", "1e99999999999"},
            {"manualdiscountamount", "-1"}, {"quantity", "0.5"}}) {
            String grid = grid(post("/app/quote/" + quote + "/lines/" + line).param(params[0], params[1]), "en");
            assertThat(grid).as(String.join(" ", params)).contains("id=\"line-error\"")
                    .contains("id=\"total-amount\">$2,500.00<");
        }
        // a malformed line id in the address: a client error, not a server error
        int status = mvc.perform(post("/app/quote/" + quote + "/lines/not-a-line").with(as("en")).with(csrf())
                .param("quantity", "1")).andReturn().getResponse().getStatus();
        assertThat(status).isEqualTo(400);
        assertThat(org.retrieveMultiple(QueryExpression.from("quotedetail").columns(ColumnSet.none())
                .where(Condition.eq("quoteid", quote)).build()).entities()).hasSize(1);
        assertThat(org.retrieve("quote", quote, ColumnSet.of("totalamount")).getDecimal("totalamount"))
                .isEqualByComparingTo("2500.00");
    }

    @Test
    void badInputInTheQuoteFormIsAMessageAndChangesNothing() throws Exception {
        Entity before = org.retrieve("quote", quote, ColumnSet.of("name", "discountpercentage", "freightamount",
                "effectivefrom", "totalamount", "pricelevelid"));
        String page = mvc.perform(post("/app/quote/" + quote).with(as("en")).with(csrf())
                .header("Accept-Language", "en").param("name", "Renamed").param("discountpercentage", "abc")
                .param("discountamount", "1e400").param("freightamount", "99999999999999999999999999999999")
                .param("effectivefrom", "31/31/2026").param("pricelevelid", "not-a-price-list"))
                .andExpect(status().is(422)).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("Renamed");
        // every malformed field at once, each marked on the form
        for (String field : List.of("discountpercentage", "discountamount", "freightamount", "effectivefrom",
                "pricelevelid")) {
            int at = page.indexOf("data-field=\"" + field + "\"");
            assertThat(at).as(field).isPositive();
            int next = page.indexOf("data-field=", at + 1);
            assertThat(page.substring(at, next < 0 ? page.length() : next)).as(field)
                    .contains("aria-invalid=\"true\"");
        }
        // out of range, and a stale or malformed version: still a message
        mvc.perform(post("/app/quote/" + quote).with(as("en")).with(csrf()).param("discountpercentage", "101"))
                .andExpect(status().is(422));
        mvc.perform(post("/app/quote/" + quote).with(as("en")).with(csrf()).param("freightamount", "-1"))
                .andExpect(status().is(422));
        int versionStatus = mvc.perform(post("/app/quote/" + quote).with(as("en")).with(csrf())
                .param("name", "Renamed").param("_version", "abc")).andReturn().getResponse().getStatus();
        assertThat(versionStatus).isLessThan(500);
        Entity after = org.retrieve("quote", quote, ColumnSet.of("name", "discountpercentage", "freightamount",
                "effectivefrom", "totalamount", "pricelevelid"));
        assertThat(after.getString("name")).isEqualTo(before.getString("name"));
        assertThat(after.get("discountpercentage")).isNull();
        assertThat(after.get("freightamount")).isNull();
        assertThat(after.get("effectivefrom")).isNull();
        assertThat(after.getReference("pricelevelid").id()).isEqualTo(catalog.priceList);
    }
}
