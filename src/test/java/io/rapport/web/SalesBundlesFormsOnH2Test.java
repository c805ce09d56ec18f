package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.security.RapportPrincipal;
import io.rapport.testing.OnH2;
import io.rapport.testing.Principals;
import io.rapport.testing.SalesCatalog;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Product bundles in the UI: a sales manager makes a bundle on the product form and adds its products from the form's
 * "products of the bundle" subgrid; a salesperson adds the bundle in a quote's line grid and sees the bundle line, its
 * products under it (marked, priced in the bundle) and totals counting the bundle's price once. Shares its
 * application context with {@link WebPagesOnH2Test} (same configuration).
 */
@OnH2
@AutoConfigureMockMvc
class SalesBundlesFormsOnH2Test {

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganizationService org;

    private RequestPostProcessor as(Principals people, UUID user, UUID unit) {
        String name = people.userName(user);
        return authentication(UsernamePasswordAuthenticationToken.authenticated(
                new RapportPrincipal(user, name, name, unit, "en"), null, List.of()));
    }

    private UUID created(String location, String entity) {
        assertThat(location).startsWith("/app/" + entity + "/");
        return UUID.fromString(location.substring(("/app/" + entity + "/").length()));
    }

    @Test
    void aManagerMakesABundleAndASalespersonQuotesIt() throws Exception {
        SalesCatalog catalog = new SalesCatalog(org);
        Principals people = new Principals(org);
        UUID unit = people.businessUnit("Bundle forms " + catalog.run, people.rootUnit());
        UUID managerId = people.user("formbundlemanager", unit, "Sales Manager");
        UUID sellerId = people.user("formbundleseller", unit, "Salesperson");
        RequestPostProcessor manager = as(people, managerId, unit);
        RequestPostProcessor seller = as(people, sellerId, unit);

        // the manager: the bundle on the product form, then its products from the subgrid's new form
        UUID bundle = created(mvc.perform(post("/app/product/new").with(manager).with(csrf())
                .param("name", "Starter kit " + catalog.run).param("productnumber", "KIT-" + catalog.run)
                .param("productstructure", "3").param("defaultuomscheduleid", "uomschedule:" + catalog.units)
                .param("defaultuomid", "uom:" + catalog.each).param("quantitydecimal", "0"))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl(), "product");
        String form = mvc.perform(get("/app/product/" + bundle).with(manager)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
        assertThat(form).contains("subgrid-Product_ProductAssociation_Product");
        for (Object[] item : new Object[][] {{catalog.laptop, "1", "1"}, {catalog.dock, "3", "0"}}) {
            mvc.perform(post("/app/productassociation/new").with(manager).with(csrf())
                    .param("productid", "product:" + bundle).param("associatedproduct", "product:" + item[0])
                    .param("quantity", (String) item[1]).param("productisrequired", (String) item[2]))
                    .andExpect(status().is3xxRedirection());
        }
        String subgrid = mvc.perform(get("/app/product/" + bundle + "/related/Product_ProductAssociation_Product")
                .with(manager)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        org.create(new Entity("productpricelevel").set("pricelevelid", SalesCatalog.ref("pricelevel",
                catalog.priceList)).set("productid", SalesCatalog.ref("product", bundle))
                .set("uomid", SalesCatalog.ref("uom", catalog.each)).set("pricingmethodcode", 1)
                .set("amount", new BigDecimal("1999.00")));
        people.as(managerId).execute(new ActionRequest("PublishProductHierarchy", SalesCatalog.ref("product", bundle),
                Map.of()));

        // the salesperson: a quote from the account, the bundle added in the line grid
        UUID account = org.create(new Entity("account").set("name", "Bundle forms customer " + catalog.run)
                .set("defaultpricelevelid", SalesCatalog.ref("pricelevel", catalog.priceList)));
        UUID quote = created(mvc.perform(post("/app/account/" + account + "/new/quote").with(seller).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn().getResponse().getRedirectedUrl(), "quote");
        String grid = mvc.perform(post("/app/quote/" + quote + "/lines").with(seller).with(csrf())
                .param("productid", bundle.toString()).param("quantity", "2")).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(grid).doesNotContain("id=\"line-error\"");
        int kit = grid.indexOf(">Bundle</span><span>Starter kit " + catalog.run + "<");
        int laptop = grid.indexOf(">In bundle</span><span>Laptop " + catalog.run + "<");
        int dock = grid.indexOf(">In bundle</span><span>Docking station " + catalog.run + "<");
        assertThat(kit).as(grid).isPositive();
        assertThat(laptop).as("the bundle's products right after it").isGreaterThan(kit);
        assertThat(dock).isGreaterThan(kit);
        assertThat(grid).contains("name=\"quantity\" value=\"6\"").contains(">$3,998.00<")
                .contains("id=\"total-amount\">$3,998.00<");
        assertThat(subgrid).contains("Laptop " + catalog.run).contains("Docking station " + catalog.run);
    }
}
