package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import io.rapport.error.RapportException;
import io.rapport.metadata.MetadataService;
import io.rapport.metadata.OptionMetadata;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
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
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The options of choice fields in the customization pages, used by a System Customizer (the built-in role only; before,
 * the pages answered 403 to anyone but a System Administrator): they find Customization in the Settings side bar,
 * make an entity and a choice field, add a status reason to the Inactive state (InsertStatusValue) in three
 * languages, relabel it, add and delete an option of the choice (InsertOptionValue, DeleteOptionValue); a record of
 * the entity then takes the status reason with its state only. A form without a label or a new state gets the error
 * on the page and changes nothing; a Salesperson gets 403 on every page and every change.
 */
@OnH2
@AutoConfigureMockMvc
class OptionsCustomizationOnH2Test {

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganizationService org;

    @Autowired
    MetadataService metadata;

    private record Person(UUID id, RequestPostProcessor as) {
    }

    private Person person(Principals people, String login, String role) {
        UUID unit = people.businessUnit("Options " + login + " " + people.run(), people.rootUnit());
        UUID user = people.user(login, unit, role);
        String name = people.userName(user);
        return new Person(user, authentication(UsernamePasswordAuthenticationToken.authenticated(
                new RapportPrincipal(user, name, name, unit, "en"), null, List.of())));
    }

    private MvcResult send(Person p, MockHttpServletRequestBuilder request, int status) throws Exception {
        MvcResult r = mvc.perform(request.with(p.as()).with(csrf()).header("Accept-Language", "en")).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(status);
        return r;
    }

    private String page(Person p, String path) throws Exception {
        return send(p, get(path), 200).getResponse().getContentAsString();
    }

    /** What a form's post led to: the message it left for the next page (notice or alert) and that page. */
    private record Submitted(Object notice, Object alert, String page) {
    }

    /** Posts the form, which redirects to the target; its flash messages and the target page. */
    private Submitted submit(Person p, MockHttpServletRequestBuilder form, String expectedTarget) throws Exception {
        MvcResult r = send(p, form, 302);
        assertThat(r.getResponse().getRedirectedUrl()).isEqualTo(expectedTarget);
        return new Submitted(r.getFlashMap().get("notice"), r.getFlashMap().get("alert"), page(p, expectedTarget));
    }

    private List<Integer> values(String entity, String attribute) {
        return metadata.snapshot().entity(entity).attribute(attribute).optionSet().options().stream()
                .map(OptionMetadata::value).toList();
    }

    @Test
    void aSystemCustomizerAddsStatusReasonsAndOptionsThatRecordsThenTake() throws Exception {
        Principals people = new Principals(org);
        String run = people.run().toLowerCase();
        Person customizer = person(people, "optcustomizer", "System Customizer");
        Person seller = person(people, "optseller", "Salesperson");

        String home = page(customizer, "/settings/customization");
        assertThat(home).contains("id=\"nav-customization\"");
        String entity = "new_gear" + run;
        submit(customizer, post("/settings/customization/entities").param("name", "gear" + run)
                .param("name_en", "Gear").param("plural_en", "Gears"), "/settings/customization/" + entity);
        String fields = "/settings/customization/" + entity + "/fields";
        Submitted added = submit(customizer, post(fields).param("name", "size").param("label_en", "Size")
                .param("type", "picklist").param("options", "Small\nLarge").param("requiredLevel", "none"),
                "/settings/customization/" + entity);
        assertThat(added.notice()).isEqualTo("Published.");
        assertThat(added.page()).contains("id=\"options-statuscode\"").contains("id=\"options-new_size\"");

        // a status reason of the Inactive state, in three languages
        String statuses = fields + "/statuscode/options";
        String form = page(customizer, statuses);
        assertThat(form).contains("Add a status reason").contains("<option value=\"1\">Inactive</option>");
        Submitted afterAdd = submit(customizer, post(statuses).param("state", "1").param("label_en", "Retired")
                .param("label_es", "Retirado").param("label_pt-BR", "Aposentado"), statuses);
        assertThat(afterAdd.notice()).isEqualTo("Published.");
        assertThat(afterAdd.alert()).isNull();
        assertThat(afterAdd.page()).contains("id=\"option-100000000\"").contains("value=\"Retirado\"")
                .contains("value=\"Aposentado\"");
        assertThat(values(entity, "statuscode")).containsExactly(1, 2, 100000000);
        assertThat(metadata.snapshot().entity(entity).attribute("statuscode").optionSet().option(100000000)
                .orElseThrow().state()).isEqualTo(1);
        // relabelled in Spanish only: the other languages keep theirs
        submit(customizer, post(statuses + "/100000000").param("label_es", "Jubilado"), statuses);
        assertThat(metadata.snapshot().entity(entity).attribute("statuscode").optionSet().option(100000000)
                .orElseThrow().label().values()).containsEntry("en", "Retired").containsEntry("es", "Jubilado")
                .containsEntry("pt-BR", "Aposentado");

        // bad forms: the error on the page, nothing added
        Submitted noLabel = submit(customizer, post(statuses).param("state", "0"), statuses);
        assertThat(noLabel.notice()).isNull();
        assertThat(noLabel.alert().toString()).contains("Label");
        String states = fields + "/statecode/options";
        assertThat(page(customizer, states)).contains("The states of a record are fixed")
                .doesNotContain("id=\"add-option-form\"");
        Submitted newState = submit(customizer, post(states).param("label_en", "Frozen"), states);
        assertThat(newState.alert().toString()).contains("are fixed");
        assertThat(values(entity, "statuscode")).containsExactly(1, 2, 100000000);
        assertThat(values(entity, "statecode")).containsExactly(0, 1);

        // an option of the choice added, then deleted
        String sizes = fields + "/new_size/options";
        submit(customizer, post(sizes).param("label_en", "Medium"), sizes);
        assertThat(values(entity, "new_size")).containsExactly(100000000, 100000001, 100000002);
        Submitted afterDelete = submit(customizer, post(sizes + "/100000002/delete"), sizes);
        assertThat(afterDelete.notice()).isEqualTo("Published.");
        assertThat(afterDelete.page()).doesNotContain("id=\"option-100000002\"");
        assertThat(values(entity, "new_size")).containsExactly(100000000, 100000001);

        // a record takes the status reason with its state, not with the other
        UUID gear = org.create(new Entity(entity).set("new_name", "Gear " + run));
        EntityReference ref = new EntityReference(entity, gear);
        assertThatThrownBy(() -> org.execute(new Messages.SetStateRequest(ref, 0, 100000000)))
                .isInstanceOf(RapportException.class);
        org.execute(new Messages.SetStateRequest(ref, 1, 100000000));
        assertThat(org.retrieve(entity, gear, io.rapport.query.ColumnSet.of("statuscode")).get("statuscode"))
                .isEqualTo(100000000);

        // a salesperson: no page, no change
        send(seller, get("/settings/customization"), 403);
        send(seller, get(statuses), 403);
        send(seller, post(statuses).param("state", "1").param("label_en", "Denied"), 403);
        send(seller, post(sizes + "/100000000/delete"), 403);
        assertThat(page(seller, "/app/account")).doesNotContain("nav-customization");
        assertThat(values(entity, "statuscode")).containsExactly(1, 2, 100000000);
        assertThat(values(entity, "new_size")).containsExactly(100000000, 100000001);
    }
}
