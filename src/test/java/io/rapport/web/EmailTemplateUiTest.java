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
import io.rapport.record.EntityReference;
import io.rapport.security.RapportPrincipal;
import io.rapport.testing.OnH2;
import io.rapport.testing.Principals;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * "Insert template" on a salesperson's draft email, as on Dataverse's email form: the organization's templates for the
 * record the email is about (and the global ones) are offered, the reader's language first; the chosen one fills the
 * draft's subject and body from that record (InstantiateTemplate).
 */
@OnH2
@AutoConfigureMockMvc
class EmailTemplateUiTest {

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganizationService org;

    static UUID seeded(String key) {
        return UUID.nameUUIDFromBytes(("rapport-template-" + key).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aDraftIsFilledFromATemplateOfItsRegardingRecord() throws Exception {
        Principals people = new Principals(org);
        String run = people.run();
        UUID unit = people.rootUnit();
        UUID user = people.user("tom", unit, "Salesperson");
        String name = people.userName(user);
        RequestPostProcessor as = authentication(UsernamePasswordAuthenticationToken.authenticated(
                new RapportPrincipal(user, name, name, unit, "en"), null, List.of()));
        OrganizationService tom = people.as(user);
        UUID contact = tom.create(new Entity("contact").set("firstname", "Chris").set("lastname", "Tpl " + run)
                .set("emailaddress1", "chris." + run + "@customer.test"));
        UUID email = tom.create(new Entity("email").set("subject", "Draft " + run)
                .set("regardingobjectid", new EntityReference("contact", contact)));

        String form = mvc.perform(get("/app/email/" + email).with(as).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(form).contains("id=\"insert-template-form\"", ">Insert template<",
                "value=\"" + seeded("follow-up-en") + "\">Follow-up after a meeting<",
                "value=\"" + seeded("follow-up-es") + "\">Seguimiento después de una reunión (Spanish)<")
                .doesNotContain(seeded("quote-sent-en").toString());
        assertThat(form.indexOf(seeded("follow-up-en").toString()))
                .isLessThan(form.indexOf(seeded("follow-up-es").toString()));
        assertThat(mvc.perform(get("/app/email/" + email).with(as).header("Accept-Language", "es")).andReturn()
                .getResponse().getContentAsString()).contains(">Insertar plantilla<");

        mvc.perform(post("/app/email/" + email + "/template").with(as).with(csrf()))
                .andExpect(status().is3xxRedirection());
        assertThat(org.retrieve("email", email, ColumnSet.of("subject")).getString("subject"))
                .isEqualTo("Draft " + run);

        String to = mvc.perform(post("/app/email/" + email + "/template").with(as).with(csrf())
                .param("template", seeded("follow-up-en").toString())).andExpect(status().is3xxRedirection())
                .andReturn().getResponse().getRedirectedUrl();
        assertThat(to).isEqualTo("/app/email/" + email);
        Entity filled = org.retrieve("email", email, ColumnSet.of("subject", "description"));
        assertThat(filled.getString("subject")).isEqualTo("Thank you for your time, Chris");
        assertThat(filled.getString("description")).startsWith("<p>Dear Chris,</p><p>Thank you for meeting with me.");
    }
}
