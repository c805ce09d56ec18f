package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.security.RapportPrincipal;
import io.rapport.testing.OnH2;
import io.rapport.testing.Principals;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * A salesperson ticks contacts in the contact list and exports just those as vCards (the list's "vCard: selected"
 * button submits the same check boxes a quick campaign uses); without a selection the button explains instead of
 * exporting the whole view. The button speaks the three languages.
 */
@OnH2
@AutoConfigureMockMvc
class VCardSelectionTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganizationService org;

    @Test
    void theSelectedContactsAndOnlyThemAreExported() throws Exception {
        Principals people = new Principals(org);
        String run = people.run();
        UUID unit = people.rootUnit();
        UUID user = people.user("vera", unit, "Salesperson");
        String name = people.userName(user);
        RequestPostProcessor as = authentication(UsernamePasswordAuthenticationToken.authenticated(
                new RapportPrincipal(user, name, name, unit, "en"), null, List.of()));
        OrganizationService vera = people.as(user);
        UUID ada = vera.create(new Entity("contact").set("firstname", "Ada").set("lastname", "Sel " + run));
        UUID alan = vera.create(new Entity("contact").set("firstname", "Alan").set("lastname", "Sel " + run));
        vera.create(new Entity("contact").set("firstname", "Grace").set("lastname", "Sel " + run));

        String list = mvc.perform(get("/app/contact").param("q", "*Sel " + run).with(as)
                .header("Accept-Language", "en")).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString();
        assertThat(list).contains("id=\"export-vcf-selected\"").contains(">vCard: selected<")
                .contains("name=\"id\" form=\"bulk\" value=\"" + ada + "\"");
        assertThat(mvc.perform(get("/app/contact").with(as).header("Accept-Language", "es")).andReturn().getResponse()
                .getContentAsString()).contains(">vCard: seleccionados<");
        assertThat(mvc.perform(get("/app/contact").with(as).header("Accept-Language", "pt-BR")).andReturn()
                .getResponse().getContentAsString()).contains(">vCard: selecionados<");

        String cards = mvc.perform(get("/app/contact/export.vcf").param("scope", "selected")
                .param("id", ada.toString(), alan.toString()).param("q", "").param("returnTo", "/app/contact")
                .with(as)).andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(cards.split("BEGIN:VCARD", -1)).hasSize(3);
        assertThat(cards).contains("FN:Ada Sel " + run, "FN:Alan Sel " + run).doesNotContain("Grace");

        String none = mvc.perform(get("/app/contact/export.vcf").param("scope", "selected").with(as)
                .header("Accept-Language", "en")).andExpect(status().isBadRequest()).andReturn().getResponse()
                .getContentAsString();
        assertThat(none).contains("Select at least one contact to export.").doesNotContain("BEGIN:VCARD");
    }
}
