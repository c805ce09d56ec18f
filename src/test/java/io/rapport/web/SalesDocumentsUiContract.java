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
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A salesperson starts a quote from the account form (filled in from the account), adds a catalog line on the quote's
 * line form, and walks it through its lifecycle buttons to an order, in the UI; the buttons speak Spanish too.
 */
abstract class SalesDocumentsUiContract {

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganizationService org;

    @Test
    void quoteFromTheAccountFormToAnOrder() throws Exception {
        SalesCatalog catalog = new SalesCatalog(org);
        Principals people = new Principals(org);
        UUID unit = people.businessUnit("Sales UI", people.rootUnit());
        UUID user = people.user("seller", unit, "Salesperson");
        String name = people.userName(user);
        RequestPostProcessor as = authentication(UsernamePasswordAuthenticationToken.authenticated(
                new RapportPrincipal(user, name, name, unit, "en"), null, List.of()));
        UUID account = org.create(new Entity("account").set("name", "Wipro UI " + catalog.run)
                .set("defaultpricelevelid", SalesCatalog.ref("pricelevel", catalog.priceList))
                .set("address1_city", "Bengaluru"));

        String page = mvc.perform(get("/app/account/" + account).with(as).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"document-new-quote\"").contains("New quote");
        String es = mvc.perform(get("/app/account/" + account + "?lang=es").with(as)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(es).contains("Nueva oferta");

        String location = mvc.perform(post("/app/account/" + account + "/new/quote").with(as).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/app/quote/");
        UUID quote = UUID.fromString(location.substring("/app/quote/".length()));
        Entity q = org.retrieve("quote", quote, ColumnSet.all());
        assertThat(q.getReference("customerid").id()).isEqualTo(account);
        assertThat(q.getReference("pricelevelid").id()).isEqualTo(catalog.priceList);
        assertThat(q.getString("billto_city")).isEqualTo("Bengaluru");
        assertThat(q.getString("name")).isEqualTo("Quote for Wipro UI " + catalog.run);
        assertThat(q.getReference("ownerid").id()).isEqualTo(user);

        // the line-item grid (htmx fragment): a catalog line, a write-in, a change, a refused change
        String grid = mvc.perform(get("/app/quote/" + quote + "/lines").with(as).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(grid).contains("id=\"line-grid\"").contains("Laptop " + catalog.run)
                .contains("id=\"total-amount\">$0.00<");
        grid = mvc.perform(post("/app/quote/" + quote + "/lines").with(as).with(csrf()).header("Accept-Language", "en")
                .param("productid", catalog.laptop.toString()).param("quantity", "2")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(grid).contains("id=\"total-amount\">$2,500.00<").doesNotContain("id=\"line-error\"");
        grid = mvc.perform(post("/app/quote/" + quote + "/lines").with(as).with(csrf()).header("Accept-Language", "en")
                .param("productid", "").param("productdescription", "Installation").param("priceperunit", "100")
                .param("quantity", "1").param("tax", "10")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(grid).contains("Installation").contains("id=\"total-amount\">$2,610.00<")
                .contains("id=\"total-tax\">$10.00<");
        grid = mvc.perform(post("/app/quote/" + quote + "/lines").with(as).with(csrf()).header("Accept-Language", "en")
                .param("productid", catalog.modem.toString()).param("quantity", "1")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(grid).contains("id=\"line-error\"").contains("is not active").contains(
                "id=\"total-amount\">$2,610.00<");
        UUID write = org.retrieveMultiple(io.rapport.query.QueryExpression.from("quotedetail")
                .columns(ColumnSet.none()).where(io.rapport.query.Condition.eq("quoteid", quote))
                .where(io.rapport.query.Condition.eq("isproductoverridden", true)).build()).entities().get(0).id();
        grid = mvc.perform(post("/app/quote/" + quote + "/lines/" + write).with(as).with(csrf())
                .header("Accept-Language", "en").param("quantity", "2").param("manualdiscountamount", "")
                .param("tax", "10")).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(grid).contains("id=\"total-amount\">$2,710.00<");
        grid = mvc.perform(post("/app/quote/" + quote + "/lines/" + write + "/delete").with(as).with(csrf())
                .header("Accept-Language", "en")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(grid).contains("id=\"total-amount\">$2,500.00<").doesNotContain("Installation");
        assertThat(org.retrieve("quote", quote, ColumnSet.of("totalamount")).getDecimal("totalamount"))
                .isEqualByComparingTo("2500.00");
        String quotePage = mvc.perform(get("/app/quote/" + quote).with(as).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(quotePage).contains("id=\"document-activate\"").contains("hx-get=\"/app/quote/" + quote + "/lines\"");

        mvc.perform(post("/app/quote/" + quote + "/activate").with(as).with(csrf()))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/app/quote/" + quote + "/win").with(as).with(csrf())).andExpect(status().is3xxRedirection());
        String order = mvc.perform(post("/app/quote/" + quote + "/order").with(as).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(order).startsWith("/app/salesorder/");
        UUID orderId = UUID.fromString(order.substring("/app/salesorder/".length()));
        assertThat(org.retrieve("salesorder", orderId, ColumnSet.of("totalamount")).getDecimal("totalamount"))
                .isEqualByComparingTo("2500.00");
        String orderPage = mvc.perform(get(order).with(as).header("Accept-Language", "en")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(orderPage).contains("id=\"document-fulfill\"").contains("id=\"document-invoice\"");
    }

    /**
     * A salesperson starts a quote, an order and an invoice from a contact's form ("New" on the form), each filled in
     * from the contact as from an account (customer, price list and its currency, bill-to and ship-to addresses,
     * terms), and an order from an opportunity's form; the contact's and the opportunity's subgrids of quotes, orders
     * and invoices list them.
     */
    @Test
    void documentsFromTheContactAndOpportunityForms() throws Exception {
        SalesCatalog catalog = new SalesCatalog(org);
        Principals people = new Principals(org);
        UUID unit = people.businessUnit("Sales UI contacts", people.rootUnit());
        UUID user = people.user("contact-seller", unit, "Salesperson");
        String name = people.userName(user);
        RequestPostProcessor as = authentication(UsernamePasswordAuthenticationToken.authenticated(
                new RapportPrincipal(user, name, name, unit, "en"), null, List.of()));
        UUID contact = org.create(new Entity("contact").set("firstname", "Asha").set("lastname", "Rao " + catalog.run)
                .set("defaultpricelevelid", SalesCatalog.ref("pricelevel", catalog.priceList))
                .set("address1_line1", "12 MG Road").set("address1_city", "Pune").set("paymenttermscode", 2)
                .set("ownerid", SalesCatalog.ref("systemuser", user)));

        String page = mvc.perform(get("/app/contact/" + contact).with(as).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"document-new-quote\"").contains("id=\"document-new-salesorder\"")
                .contains("id=\"document-new-invoice\"").contains("id=\"subgrid-quote_customer_contacts\"")
                .contains("id=\"subgrid-salesorder_customer_contacts\"")
                .contains("id=\"subgrid-invoice_customer_contacts\"");
        for (String document : List.of("quote", "salesorder", "invoice")) {
            String location = mvc.perform(post("/app/contact/" + contact + "/new/" + document).with(as).with(csrf()))
                    .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
            assertThat(location).startsWith("/app/" + document + "/");
            UUID id = UUID.fromString(location.substring(("/app/" + document + "/").length()));
            Entity d = org.retrieve(document, id, ColumnSet.all());
            assertThat(d.getReference("customerid").logicalName()).isEqualTo("contact");
            assertThat(d.getReference("customerid").id()).isEqualTo(contact);
            assertThat(d.getReference("pricelevelid").id()).isEqualTo(catalog.priceList);
            assertThat(d.getReference("transactioncurrencyid").id()).isEqualTo(catalog.currency);
            assertThat(d.getString("billto_name")).isEqualTo("Asha Rao " + catalog.run);
            assertThat(d.getString("billto_city")).isEqualTo("Pune");
            assertThat(d.getString("shipto_line1")).isEqualTo("12 MG Road");
            assertThat(d.getInteger("paymenttermscode")).isEqualTo(2);
            assertThat(d.getReference("ownerid").id()).isEqualTo(user);
            String relationship = document + "_customer_contacts";
            String grid = mvc.perform(get("/app/contact/" + contact + "/related/" + relationship).with(as)
                    .header("Accept-Language", "en")).andExpect(status().isOk()).andReturn().getResponse()
                    .getContentAsString();
            assertThat(grid).as(relationship).contains(d.getString("name")).contains(id.toString());
        }

        UUID opportunity = org.create(new Entity("opportunity").set("name", "Pune laptops " + catalog.run)
                .set("customerid", SalesCatalog.ref("contact", contact))
                .set("pricelevelid", SalesCatalog.ref("pricelevel", catalog.priceList))
                .set("ownerid", SalesCatalog.ref("systemuser", user)));
        org.create(new Entity("opportunityproduct").set("opportunityid", SalesCatalog.ref("opportunity", opportunity))
                .set("productid", SalesCatalog.ref("product", catalog.laptop)).set("quantity",
                        java.math.BigDecimal.valueOf(2)));
        String order = mvc.perform(post("/app/opportunity/" + opportunity + "/new/salesorder").with(as).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl();
        assertThat(order).startsWith("/app/salesorder/");
        UUID orderId = UUID.fromString(order.substring("/app/salesorder/".length()));
        Entity o = org.retrieve("salesorder", orderId, ColumnSet.of("customerid", "opportunityid", "totalamount"));
        assertThat(o.getReference("customerid").id()).isEqualTo(contact);
        assertThat(o.getReference("opportunityid").id()).isEqualTo(opportunity);
        assertThat(o.getDecimal("totalamount")).isEqualByComparingTo("2500.00");
        String opportunityPage = mvc.perform(get("/app/opportunity/" + opportunity).with(as)
                .header("Accept-Language", "en")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(opportunityPage).contains("id=\"subgrid-opportunity_quotes\"")
                .contains("id=\"subgrid-opportunity_orders\"").contains("id=\"subgrid-opportunity_invoices\"");
        String orders = mvc.perform(get("/app/opportunity/" + opportunity + "/related/opportunity_orders").with(as)
                .header("Accept-Language", "en")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(orders).contains(orderId.toString());
    }
}
