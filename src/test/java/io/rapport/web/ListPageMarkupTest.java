package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.Label;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.security.RapportPrincipal;
import io.rapport.testing.OnH2;
import io.rapport.testing.Principals;
import io.rapport.testing.TestUsers;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The markup a list page writes without the template's per-element work: its rows (Grid.rowsHtml) and the shell's
 * link lists, which are written once per metadata version, language, administrator flag, area and entity and then
 * served from memory. The cached links follow a customization, the language and the person: a salesperson never
 * gets the administrator's links.
 */
@OnH2
@AutoConfigureMockMvc
class ListPageMarkupTest {

    private static final String ADMIN_LINKS = "<li class=\"nav-item\"><a class=\"nav-link\" id=\"nav-settings-home\" "
            + "href=\"/settings\">All settings</a></li>\n"
            + "<li class=\"nav-item\"><a class=\"nav-link\" id=\"nav-roles\" href=\"/settings/roles\">Security roles"
            + "</a></li>\n"
            + "<li class=\"nav-item\"><a class=\"nav-link\" href=\"/settings/customization\">Customization</a></li>\n"
            + "<li class=\"nav-item\"><a class=\"nav-link\" id=\"nav-bulk-delete\" "
            + "href=\"/app/bulkdeleteoperation?area=settings\">Bulk record deletion</a></li>\n"
            + "<li class=\"nav-item\"><a class=\"nav-link\" id=\"nav-offline-profile\" href=\"/settings/offline\">"
            + "Offline profile</a></li>\n";

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganizationService organization;

    @Autowired
    CustomizationService customization;

    private String page(MockHttpServletRequestBuilder request, String language) throws Exception {
        return mvc.perform(request.header("Accept-Language", language)).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
    }

    @Test
    @WithUserDetails(TestUsers.ADMIN)
    void aRowIsItsCheckboxAndItsCellsEscapedAsTheTemplateEscapedThem() throws Exception {
        String name = "Row <b>&\"' " + UUID.randomUUID().toString().substring(0, 8);
        UUID id = organization.create(new Entity("account").set("name", name).set("telephone1", "+1 <555>")
                .set("revenue", new java.math.BigDecimal("1000")));
        String escaped = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
        String page = page(get("/app/account").param("q", name), "en");
        assertThat(page).contains("<tr data-id=\"" + id + "\">\n<td class=\"select-col\"><input type=\"checkbox\" "
                + "class=\"form-check-input\" name=\"id\" form=\"bulk\" value=\"" + id + "\" aria-label=\"Select "
                + escaped.replace("\"", "&quot;").replace("'", "&#39;") + "\"></td>\n<td><a href=\"/app/account/" + id
                + "\">" + escaped.replace("\"", "&quot;") + "</a></td>\n<td><span>+1 &lt;555&gt;</span></td>\n");
        assertThat(page.split("<tr data-id=", -1)).hasSize(2);
        // the revenue column is numeric: its cell is right-aligned as the header is
        assertThat(page.substring(page.indexOf("<tr data-id=")).split("<td class=\"text-end\"><span>", -1)).hasSize(2);
        assertThat(page(get("/app/account").param("q", name), "es"))
                .contains("aria-label=\"Seleccionar " + escaped.replace("\"", "&quot;").replace("'", "&#39;") + "\"");
    }

    @Test
    @WithUserDetails(TestUsers.ADMIN)
    void aSalespersonNeverGetsTheAdministratorsLinksFromTheCache() throws Exception {
        Principals people = new Principals(organization);
        UUID unit = people.rootUnit();
        UUID sam = people.user("sam", unit, "Salesperson");
        String name = people.userName(sam);
        var asSam = authentication(UsernamePasswordAuthenticationToken.authenticated(
                new RapportPrincipal(sam, name, name, unit, "en"), null, List.of()));

        String admin = page(get("/areas/settings"), "en");
        assertThat(admin).contains(ADMIN_LINKS).contains("<li class=\"nav-item\"><a class=\"nav-link active\" "
                + "aria-current=\"page\" id=\"area-settings\" href=\"/settings\">Settings</a></li>\n")
                .contains("<li class=\"nav-item\"><a class=\"nav-link\" href=\"/app/team?area=settings\">Teams"
                        + "</a></li>\n");

        String salesperson = page(get("/areas/settings").with(asSam), "en");
        assertThat(salesperson).doesNotContain("nav-settings-home").doesNotContain("nav-roles")
                .doesNotContain("/settings/customization").doesNotContain("href=\"/settings\"")
                .doesNotContain("nav-bulk-delete")
                .contains("<li class=\"nav-item\"><a class=\"nav-link active\" aria-current=\"page\" "
                        + "id=\"area-settings\" href=\"/app/systemuser?area=settings\">Settings</a></li>\n")
                .contains("<li class=\"nav-item\"><a class=\"nav-link\" href=\"/app/team?area=settings\">Teams"
                        + "</a></li>\n");

        assertThat(page(get("/areas/settings"), "en")).contains(ADMIN_LINKS);
    }

    @Test
    @WithUserDetails(TestUsers.ADMIN)
    void theLinksFollowTheLanguageTheCurrentEntityAndACustomization() throws Exception {
        String accounts = page(get("/app/account").param("area", "sales"), "en");
        assertThat(accounts).contains("<li class=\"nav-item\"><a class=\"nav-link active\" aria-current=\"page\" "
                + "id=\"area-sales\" href=\"/app/account?area=sales\">Sales</a></li>\n")
                .contains("<li class=\"nav-item\"><a class=\"nav-link active\" aria-current=\"page\" "
                        + "href=\"/app/account?area=sales\">Accounts</a></li>\n")
                .contains("<li class=\"nav-item\"><a class=\"nav-link\" href=\"/app/contact?area=sales\">Contacts"
                        + "</a></li>\n")
                .contains("<li class=\"nav-item\"><a class=\"nav-link\" id=\"nav-imports\" href=\"/imports\">Imports"
                        + "</a></li>\n");

        assertThat(page(get("/app/contact").param("area", "sales"), "en"))
                .contains("<a class=\"nav-link\" href=\"/app/account?area=sales\">Accounts</a>")
                .contains("<a class=\"nav-link active\" aria-current=\"page\" href=\"/app/contact?area=sales\">");

        assertThat(page(get("/app/account").param("area", "sales"), "es"))
                .contains("id=\"area-sales\" href=\"/app/account?area=sales\">Ventas</a>")
                .contains("aria-current=\"page\" href=\"/app/account?area=sales\">Cuentas</a>")
                .doesNotContain(">Accounts</a>");

        try {
            customization.renameEntity("competitor", null, Label.of("Rivals <&>"));
            assertThat(page(get("/app/account").param("area", "sales"), "en"))
                    .contains("<a class=\"nav-link\" href=\"/app/competitor?area=sales\">Rivals &lt;&amp;&gt;</a>");
        } finally {
            customization.renameEntity("competitor", null, Label.of("Competitors"));
        }
        assertThat(page(get("/app/account").param("area", "sales"), "en"))
                .contains("<a class=\"nav-link\" href=\"/app/competitor?area=sales\">Competitors</a>");
    }
}
