package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.security.RapportPrincipal;
import io.rapport.testing.Principals;
import io.rapport.testing.TestUsers;
import org.springframework.security.test.context.support.WithUserDetails;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * The view editor and the form editor's section subgrids over HTTP (MockMvc), each as the role whose job it is: a
 * Salesperson (built-in role only) makes and changes a personal view (columns, widths, sort, filter conditions,
 * preview) and the list page uses it; all errors of a bad view come at once and nothing is saved; a salesperson may
 * not change a system view, a System Customizer does, and the salesperson's list shows the change; an administrator
 * adds a subgrid with a chosen view to a section of the account form, and the form shows the related records that
 * view selects.
 */
@WithUserDetails(TestUsers.ADMIN)
abstract class ViewEditorContract {

    static final String ACTIVE_ACCOUNTS = view("account-active");
    static final String INACTIVE_ACCOUNTS = view("account-inactive");

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganizationService org;

    private static String view(String name) {
        return UUID.nameUUIDFromBytes(("savedquery:" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    record Person(UUID id, RequestPostProcessor as, OrganizationService service) {
    }

    private Person person(Principals people, String login, String role) {
        UUID unit = people.businessUnit("Views " + login + " " + people.run(), people.rootUnit());
        UUID user = people.user(login, unit, role);
        String name = people.userName(user);
        return new Person(user, authentication(UsernamePasswordAuthenticationToken.authenticated(
                new RapportPrincipal(user, name, name, unit, "en"), null, List.of())), people.as(user));
    }

    private String page(Person p, MockHttpServletRequestBuilder request, int status) throws Exception {
        MvcResult r = mvc.perform(request.with(p.as()).with(csrf()).header("Accept-Language", "en")).andReturn();
        assertThat(r.getResponse().getStatus()).as(r.getResponse().getContentAsString()).isEqualTo(status);
        return r.getResponse().getContentAsString();
    }

    @Test
    void aSalespersonMakesAPersonalViewThatTheListUses() throws Exception {
        Principals people = new Principals(org);
        String run = people.run();
        Person seller = person(people, "viewseller", "Salesperson");
        seller.service().create(new Entity("account").set("name", run + " A").set("address1_city", "Lisbon")
                .set("revenue", new BigDecimal("500")));
        seller.service().create(new Entity("account").set("name", run + " B").set("address1_city", "Porto")
                .set("revenue", new BigDecimal("5000")));
        seller.service().create(new Entity("account").set("name", run + " C").set("address1_city", "Lisbon")
                .set("revenue", new BigDecimal("9000")));

        String list = page(seller, get("/app/account"), 200);
        assertThat(list).contains("id=\"new-view\"").doesNotContain("id=\"edit-view\"");
        String editor = page(seller, get("/app/account/views/new").param("view", ACTIVE_ACCOUNTS), 200);
        assertThat(editor).contains("New personal view of Accounts").contains("id=\"pos-revenue\"")
                .contains("name=\"c0.attribute\"");
        // choosing a field for a condition brings the operators and the value input of its type
        String row = page(seller, get("/app/account/views/condition").param("i", "2")
                .param("c2.attribute", "revenue"), 200);
        assertThat(row).contains("id=\"cond-2\"").contains("Is greater than or equal to").contains("type=\"number\"");
        String choice = page(seller, get("/app/account/views/condition").param("i", "2")
                .param("c2.attribute", "statecode"), 200);
        assertThat(choice).contains("<option value=\"0\">Active</option>").doesNotContain("Begins with");

        org.springframework.util.LinkedMultiValueMap<String, String> view = new org.springframework.util
                .LinkedMultiValueMap<>();
        String[] pairs = {"key", "", "from", ACTIVE_ACCOUNTS, "name", "Big in Lisbon " + run,
            "columns", "name,telephone1,address1_city,primarycontactid,emailaddress1,revenue",
            "drop.telephone1", "on", "drop.emailaddress1", "on", "drop.primarycontactid", "on",
            "pos.revenue", "1", "width.revenue", "150", "add", "createdon", "addWidth", "100",
            "sort1", "revenue", "dir1", "desc", "conditions", "4",
            "c0.attribute", "statecode", "c0.operator", "EQUAL", "c0.value", "0",
            "c1.attribute", "address1_city", "c1.operator", "CONTAINS", "c1.value", "Lisb",
            "c2.attribute", "name", "c2.operator", "BEGINS_WITH", "c2.value", run,
            "c3.attribute", "revenue", "c3.operator", "GREATER_EQUAL", "c3.value", "100"};
        for (int i = 0; i < pairs.length; i += 2) {
            view.add(pairs[i], pairs[i + 1]);
        }
        String preview = page(seller, post("/app/account/views/preview").params(view), 200);
        assertThat(preview).contains("id=\"preview-table\"").contains(run + " C").contains(run + " A")
                .doesNotContain(run + " B");
        MvcResult saved = mvc.perform(post("/app/account/views/save").params(view).with(seller.as()).with(csrf()))
                .andExpect(status().is3xxRedirection()).andReturn();
        String location = saved.getResponse().getRedirectedUrl();
        assertThat(location).startsWith("/app/account?view=u-");
        String key = location.substring(location.indexOf("view=") + 5);

        String shown = page(seller, get("/app/account").param("view", key), 200);
        assertThat(shown).contains("Big in Lisbon " + run).contains("id=\"edit-view\"")
                .contains("class=\"text-end col-w-150\"").doesNotContain("data-column=\"telephone1\"")
                .doesNotContain(run + " B");
        assertThat(headers(shown)).containsExactly("revenue", "name", "address1_city", "createdon");
        assertThat(shown.indexOf(run + " C")).as("revenue descending").isLessThan(shown.indexOf(run + " A"));

        // every error of a bad view at once; nothing is saved
        String bad = page(seller, post("/app/account/views/save").param("key", key).param("name", " ")
                .param("columns", "revenue,name").param("pos.name", "first").param("width.revenue", "33")
                .param("conditions", "3").param("c0.attribute", "name").param("c0.operator", "GREATER_THAN")
                .param("c0.value", "x").param("c1.attribute", "revenue").param("c1.operator", "GREATER_EQUAL")
                .param("c1.value", "lots").param("c2.attribute", "createdon").param("c2.operator", "ON"), 422);
        assertThat(bad).contains("Give the view a name.")
                .contains("The position of Account Name must be a whole number from 1 to 1000.")
                .contains("Choose one of the offered widths for Annual Revenue.")
                .contains("Condition 1: choose an operator that Account Name offers.")
                .contains("Condition 2: “lots” is not a valid value for Annual Revenue.")
                .contains("Condition 3: enter a value for Created On.");
        assertThat(headers(page(seller, get("/app/account").param("view", key), 200)))
                .containsExactly("revenue", "name", "address1_city", "createdon");

        // the view is edited again: renamed, the filter's city condition removed
        String again = page(seller, get("/app/account/views/edit").param("view", key), 200);
        assertThat(again).contains("Edit my view: Big in Lisbon " + run).contains("value=\"Lisb\"");
        page(seller, post("/app/account/views/save").param("key", key).param("name", "Big anywhere " + run)
                .param("columns", "revenue,name").param("conditions", "2").param("c0.attribute", "name")
                .param("c0.operator", "BEGINS_WITH").param("c0.value", run), 302);
        String renamed = page(seller, get("/app/account").param("view", key), 200);
        assertThat(renamed).contains("Big anywhere " + run).contains(run + " B");
        assertThat(headers(renamed)).containsExactly("revenue", "name");

        // a system view is not the salesperson's to change
        page(seller, get("/app/account/views/edit").param("view", ACTIVE_ACCOUNTS), 403);
        page(seller, post("/app/account/views/save").param("key", ACTIVE_ACCOUNTS).param("columns", "name"), 403);
        // nor is another user's personal view
        Person other = person(people, "viewother", "Salesperson");
        page(other, get("/app/account/views/edit").param("view", key), 404);
    }

    @Test
    void aSystemCustomizerChangesASystemViewForEveryone() throws Exception {
        Principals people = new Principals(org);
        String run = people.run();
        Person customizer = person(people, "customizer", "System Customizer");
        Person seller = person(people, "viewseller2", "Salesperson");
        String list = page(customizer, get("/app/account").param("view", INACTIVE_ACCOUNTS), 200);
        assertThat(list).contains("id=\"edit-view\"");
        String editor = page(customizer, get("/app/account/views/edit").param("view", INACTIVE_ACCOUNTS), 200);
        assertThat(editor).contains("Edit system view: Inactive Accounts").doesNotContain("id=\"view-name\"");
        List<String> before = headers(page(seller, get("/app/account").param("view", INACTIVE_ACCOUNTS), 200));
        assertThat(before).doesNotContain("createdon");
        try {
            page(customizer, post("/app/account/views/save").param("key", INACTIVE_ACCOUNTS)
                    .param("columns", String.join(",", before)).param("add", "createdon").param("addWidth", "200")
                    .param("width.name", "300").param("conditions", "1").param("c0.attribute", "statecode")
                    .param("c0.operator", "EQUAL").param("c0.value", "1"), 302);
            String after = page(seller, get("/app/account").param("view", INACTIVE_ACCOUNTS), 200);
            assertThat(headers(after)).endsWith("createdon");
            assertThat(after).contains("class=\"col-w-300\"").contains("class=\"col-w-200\"");
        } finally {
            page(customizer, post("/app/account/views/save").param("key", INACTIVE_ACCOUNTS)
                    .param("columns", String.join(",", before)).param("conditions", "1")
                    .param("c0.attribute", "statecode").param("c0.operator", "EQUAL").param("c0.value", "1")
                    .param("sort1", "name"), 302);
        }
        assertThat(headers(page(seller, get("/app/account").param("view", INACTIVE_ACCOUNTS), 200)))
                .isEqualTo(before);
        assertThat(run).isNotEmpty();
    }

    @Test
    void aSubgridWithAChosenViewIsAddedToAFormSection() throws Exception {
        Principals people = new Principals(org);
        String run = people.run();
        // the class's default user: the administrator
        Person admin = new Person(null, request -> request, org);
        UUID account = org.create(new Entity("account").set("name", "Grid " + run));
        org.create(new Entity("contact").set("lastname", "Active " + run)
                .set("parentcustomerid", new EntityReference("account", account)));
        UUID gone = org.create(new Entity("contact").set("lastname", "Inactive " + run)
                .set("parentcustomerid", new EntityReference("account", account)));
        org.update(new Entity("contact", gone).set("statecode", 1).set("statuscode", 2));

        String views = page(admin, get("/settings/forms/account/grid-views")
                .param("gridRelationship", "contact_customer_accounts"), 200);
        String activeContacts = view("contact-active");
        assertThat(views).contains("id=\"grid-view\"").contains("value=\"" + activeContacts + "\"");
        String editor = page(admin, get("/settings/forms/account"), 200);
        Matcher section = Pattern.compile("id=\"grid-section\"[^>]*>\\s*<option value=\"([^\"]+)\"").matcher(editor);
        assertThat(section.find()).isTrue();
        String place = section.group(1);
        // errors first: an unknown relationship and an unknown view, nothing saved
        String bad = page(admin, post("/settings/forms/account").param("gridRelationship", "nope")
                .param("gridSection", place), 422);
        assertThat(bad).contains("The related records nope cannot be shown on this form.");
        page(admin, post("/settings/forms/account").param("gridRelationship", "contact_customer_accounts")
                .param("gridView", UUID.randomUUID().toString()).param("gridSection", place), 422);
        try {
            page(admin, post("/settings/forms/account").param("gridRelationship", "contact_customer_accounts")
                    .param("gridView", activeContacts).param("gridSection", place), 302);
            Person seller = person(people, "gridseller", "Salesperson");
            String form = page(seller, get("/app/account/" + account), 200);
            assertThat(form).contains("id=\"section-grid-contact_customer_accounts\"")
                    .contains("/app/account/" + account + "/related/contact_customer_accounts?view=" + activeContacts);
            String grid = page(seller, get("/app/account/" + account + "/related/contact_customer_accounts")
                    .param("view", activeContacts), 200);
            assertThat(grid).contains("Active " + run).doesNotContain("Inactive " + run);
            page(seller, get("/app/account/" + account + "/related/contact_customer_accounts")
                    .param("view", "u-" + UUID.randomUUID()), 400);
            assertThat(page(admin, get("/settings/forms/account"), 200))
                    .contains("name=\"dropSectionGrid." + place + ".contact_customer_accounts\"");
        } finally {
            page(admin, post("/settings/forms/account")
                    .param("dropSectionGrid." + place + ".contact_customer_accounts", "on"), 302);
        }
        assertThat(page(admin, get("/app/account/" + account), 200))
                .doesNotContain("id=\"section-grid-contact_customer_accounts\"");
    }

    /** The attributes of a list page's columns, in order. */
    private static List<String> headers(String html) {
        List<String> result = new java.util.ArrayList<>();
        Matcher m = Pattern.compile("class=\"sort-link\"[^>]*data-column=\"([^\"]+)\"").matcher(html);
        while (m.find()) {
            result.add(m.group(1));
        }
        return result;
    }
}
