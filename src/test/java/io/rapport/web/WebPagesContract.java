package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.rapport.metadata.MetadataService;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.security.RapportPrincipal;
import io.rapport.testing.TestUsers;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.mock.web.MockMultipartFile;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.test.context.support.WithUserDetails;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The web controllers over HTTP (MockMvc), signed in as the administrator, on each database: what the pages
 * query, write and stream. Each test makes its own records with a unique prefix.
 */
@WithUserDetails(TestUsers.ADMIN)
abstract class WebPagesContract {

    @Autowired
    MockMvc mvc;

    @Autowired
    OrganizationService organization;

    @Autowired
    MetadataService metadata;

    @Autowired
    io.rapport.audit.AuditLog audit;

    private final String prefix = "T" + UUID.randomUUID().toString().substring(0, 8);

    private String page(String url) throws Exception {
        return mvc.perform(get(url).header("Accept-Language", "en")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString();
    }

    private UUID account(String name) {
        return organization.create(new Entity("account").set("name", name));
    }

    @Test
    void listViewsSortFilterQuickFindAndPageInTheDatabase() throws Exception {
        for (int i = 0; i < 53; i++) {
            account(prefix + String.format("-%02d", i));
        }
        String desc = page("/app/account?q=" + prefix + "&sort=name&desc=true");
        assertThat(desc).contains(prefix + "-52").doesNotContain(prefix + "-02<").contains("aria-sort=\"descending\"");
        assertThat(desc.indexOf(prefix + "-52")).isLessThan(desc.indexOf(prefix + "-51"));
        assertThat(desc.split("data-id=\"", -1)).hasSize(51);
        String second = page("/app/account?q=" + prefix + "&sort=name&desc=true&page=2");
        assertThat(second.split("data-id=\"", -1)).hasSize(4);
        assertThat(second).contains(prefix + "-00").contains("Page 2");
        String filtered = page("/app/account/grid?f.name=" + prefix + "-17");
        assertThat(filtered.split("data-id=\"", -1)).hasSize(2);
        assertThat(filtered).contains(prefix + "-17");
    }

    @Test
    void formsShowPipelineErrorsBesideTheFieldAndConcurrencyConflicts() throws Exception {
        String invalid = mvc.perform(post("/app/account/new").with(csrf()).param("name", "")
                        .header("Accept-Language", "en"))
                .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString();
        assertThat(invalid).contains("id=\"err-name\"").contains("Account Name is required.");

        MvcResult created = mvc.perform(post("/app/account/new").with(csrf()).param("name", prefix + " Ltd")
                .param("revenue", "1500.50").param("industrycode", "3")).andExpect(status().is3xxRedirection())
                .andReturn();
        UUID id = UUID.fromString(created.getResponse().getRedirectedUrl().replaceAll(".*/", ""));
        Entity saved = organization.retrieve("account", id, ColumnSet.of("name", "revenue", "industrycode",
                "versionnumber"));
        assertThat(saved.getDecimal("revenue")).isEqualByComparingTo(new BigDecimal("1500.50"));
        assertThat(saved.getInteger("industrycode")).isEqualTo(3);
        long version = saved.getLong("versionnumber");

        mvc.perform(post("/app/account/" + id).with(csrf()).param("name", prefix + " Limited")
                .param("_version", Long.toString(version))).andExpect(status().is3xxRedirection());
        String conflict = mvc.perform(post("/app/account/" + id).with(csrf()).param("name", prefix + " Stale")
                        .param("_version", Long.toString(version)).header("Accept-Language", "en"))
                .andExpect(status().isConflict()).andReturn().getResponse().getContentAsString();
        assertThat(conflict).contains("Someone else saved this record first").contains(prefix + " Stale");
        assertThat(organization.retrieve("account", id, ColumnSet.of("name")).getString("name"))
                .isEqualTo(prefix + " Limited");
    }

    @Test
    void exportsTheViewAsCsvAndRunsBulkActions() throws Exception {
        UUID a = account(prefix + " Alpha, Inc.");
        UUID b = account(prefix + " Beta");
        MvcResult csv = mvc.perform(get("/app/account/export?q=" + prefix + "&cols=name,telephone1")
                .header("Accept-Language", "en")).andExpect(status().isOk()).andReturn();
        assertThat(csv.getResponse().getContentType()).startsWith("text/csv");
        assertThat(csv.getResponse().getContentAsString(java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("\uFEFFAccount Name,Main Phone\r\n\"" + prefix + " Alpha, Inc.\",\r\n" + prefix + " Beta,\r\n");
        UUID formula = organization.create(new Entity("account").set("name", prefix + " Gamma")
                .set("telephone1", "=HYPERLINK(\"http://evil\")"));
        String defused = mvc.perform(get("/app/account/export?q=" + prefix + "&cols=name,telephone1"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(defused).contains(prefix + " Gamma,\"'=HYPERLINK(\"\"http://evil\"\")\"");
        organization.delete("account", formula);

        MvcResult xlsx = mvc.perform(get("/app/account/export?format=xlsx&q=" + prefix + "&cols=name,telephone1"
                + "&sort=name&lang=es")).andExpect(status().isOk()).andReturn();
        assertThat(xlsx.getResponse().getHeader("Content-Disposition")).contains(".xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new java.io.ByteArrayInputStream(
                xlsx.getResponse().getContentAsByteArray()))) {
            var sheet = book.getSheetAt(0);
            assertThat(sheet.getRow(0).getCell(0).getStringCellValue()).isEqualTo("Nombre de cuenta");
            assertThat(sheet.getLastRowNum()).isEqualTo(2);
            assertThat(sheet.getRow(1).getCell(0).getStringCellValue()).isEqualTo(prefix + " Alpha, Inc.");
            assertThat(sheet.getRow(2).getCell(0).getStringCellValue()).isEqualTo(prefix + " Beta");
        }

        mvc.perform(post("/app/account/bulk").with(csrf()).param("action", "deactivate")
                .param("id", a.toString(), b.toString())).andExpect(status().is3xxRedirection());
        assertThat(List.of(a, b)).allSatisfy(id -> assertThat(organization.retrieve("account", id,
                ColumnSet.of("statecode")).getInteger("statecode")).isEqualTo(1));
        assertThat(page("/app/account?q=" + prefix)).doesNotContain(prefix + " Beta");
    }

    @Test
    void importsAFileThroughTheMappingPageAndReportsRejectedRows() throws Exception {
        String csv = "Surname,Given,E-mail\r\n" + prefix + "A,Ann,ann@example.com\r\n,Nameless,x@example.com\r\n"
                + prefix + "C,Carl,carl@example.com\r\n";
        String mappingUrl = upload("contact", "people.csv", csv);
        UUID id = UUID.fromString(mappingUrl.replaceAll(".*/imports/([^/]+)/mapping", "$1"));
        String mapping = page(mappingUrl);
        assertThat(mapping).contains("people.csv into Contacts: 3 rows (CSV).").contains("Surname")
                .contains(prefix + "A · " + prefix + "C").contains("value=\"emailaddress1\" selected");
        // a draft waits for its mapping: nothing is imported yet
        mvc.perform(get("/imports/" + id)).andExpect(status().is3xxRedirection());

        String none = mvc.perform(post("/imports/" + id + "/start").with(csrf()).param("attr.0", "")
                        .param("attr.1", "").param("attr.2", "").header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(none).contains("Map at least one column to a field.");
        String twice = mvc.perform(post("/imports/" + id + "/start").with(csrf()).param("attr.0", "lastname")
                        .param("attr.1", "lastname").header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(twice).contains("The field Last Name is chosen for more than one column.");

        mvc.perform(post("/imports/" + id + "/start").with(csrf()).param("attr.0", "lastname")
                .param("attr.1", "firstname").param("attr.2", "emailaddress1").param("duplicates", "SKIP")
                .param("saveAs", prefix + " people")).andExpect(status().is3xxRedirection());
        String done = awaitImport(id);
        assertThat(done).contains("Completed").contains("id=\"error-report\"").contains("id=\"count-created\">2<")
                .contains("id=\"count-failed\">1<");
        String report = mvc.perform(get("/imports/" + id + "/errors.csv")).andExpect(status().isOk()).andReturn()
                .getResponse().getContentAsString(StandardCharsets.UTF_8);
        assertThat(report.lines().toList()).hasSize(2);
        assertThat(report.lines().toList().get(1)).startsWith("3,Surname,").contains("required");
        assertThat(organization.retrieveMultiple(io.rapport.query.QueryExpression.from("contact")
                .select("firstname", "emailaddress1").where(io.rapport.query.Condition.of("lastname",
                        io.rapport.query.ConditionOperator.BEGINS_WITH, prefix)).orderBy(io.rapport.query.Order.asc(
                        "lastname")).build()).entities()).extracting(e -> e.getString("emailaddress1"))
                .containsExactly("ann@example.com", "carl@example.com");
        assertThat(page("/imports")).contains("people.csv");

        // the saved mapping is offered for the next file into contacts and maps its columns by header
        String next = upload("contact", "more.csv", "Given,Surname\r\nDora," + prefix + "D\r\n");
        UUID nextId = UUID.fromString(next.replaceAll(".*/imports/([^/]+)/mapping", "$1"));
        assertThat(page(next)).contains(prefix + " people");
        String applied = mvc.perform(get(next).param("dataMap", prefix + " people").header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(applied).contains("value=\"lastname\" selected").contains("value=\"firstname\" selected");

        // someone else's import is not there for them: no progress, no rows, no cancelling
        var otherUser = signedInAs("other-" + prefix);
        mvc.perform(get("/imports/" + id).with(otherUser)).andExpect(status().isNotFound());
        mvc.perform(get("/imports/" + id + "/errors.csv").with(otherUser)).andExpect(status().isNotFound());
        mvc.perform(post("/imports/" + nextId + "/cancel").with(csrf()).with(otherUser))
                .andExpect(status().isNotFound());
        assertThat(page("/imports")).contains("more.csv");
    }

    @Test
    void anUnreadableUploadIsExplainedOnTheImportPage() throws Exception {
        String body = mvc.perform(multipart("/imports").file(new MockMultipartFile("file", "empty.csv", "text/csv",
                        new byte[0])).param("entity", "contact").with(csrf()).header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(body).contains("Choose a file to import.");
    }

    /** A user of the organization without roles, signed in as Rapport signs people in. */
    private org.springframework.test.web.servlet.request.RequestPostProcessor signedInAs(String username) {
        UUID root = organization.retrieveMultiple(io.rapport.query.QueryExpression.from("businessunit")
                .where(io.rapport.query.Condition.of("parentbusinessunitid", io.rapport.query.ConditionOperator.NULL))
                .top(1).build()).entities().get(0).id();
        UUID user = organization.create(new Entity("systemuser").set("lastname", username)
                .set("domainname", username).set("businessunitid", new EntityReference("businessunit", root)));
        return authentication(new UsernamePasswordAuthenticationToken(new RapportPrincipal(user, username, username,
                root, "en"), null, List.of()));
    }

    private String upload(String entity, String name, String csv) throws Exception {
        MvcResult up = mvc.perform(multipart("/imports").file(new MockMultipartFile("file", name, "text/csv",
                csv.getBytes(StandardCharsets.UTF_8))).param("entity", entity).with(csrf())
                .header("Accept-Language", "en")).andExpect(status().is3xxRedirection()).andReturn();
        String url = up.getResponse().getRedirectedUrl();
        assertThat(url).matches("/imports/[0-9a-f-]+/mapping");
        return url;
    }

    private String awaitImport(UUID id) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        String fragment = page("/imports/" + id + "/progress");
        while (fragment.contains("hx-trigger") && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            fragment = page("/imports/" + id + "/progress");
        }
        assertThat(fragment).as("import did not finish").doesNotContain("hx-trigger");
        return fragment;
    }

    @Test
    void relatedRecordsTimelineHierarchyLookupAndSearch() throws Exception {
        UUID parent = account(prefix + " Holding");
        UUID child = organization.create(new Entity("account").set("name", prefix + " Subsidiary")
                .set("parentaccountid", new EntityReference("account", parent)));
        organization.create(new Entity("contact").set("firstname", "Ann").set("lastname", prefix)
                .set("parentcustomerid", new EntityReference("account", child)));

        assertThat(page("/app/account/" + child)).contains("subgrid-contact_customer_accounts")
                .contains("subgrid-account_connections1").contains("id=\"timeline\"");
        assertThat(page("/app/account/" + child + "/related/contact_customer_accounts")).contains("Ann " + prefix);
        assertThat(page("/app/account/" + child + "/hierarchy")).contains(prefix + " Holding")
                .contains(prefix + " Subsidiary");
        String timeline = mvc.perform(post("/app/account/" + child + "/timeline/phonecall").with(csrf())
                        .param("subject", prefix + " call").header("Accept-Language", "en"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(timeline).contains(prefix + " call").contains("Phone Call");
        assertThat(page("/lookup?targets=account,contact&field=x&q=" + prefix)).contains(prefix + " Holding")
                .contains("Ann " + prefix);
        assertThat(page("/search?q=" + prefix)).contains(prefix + " Subsidiary").contains("Ann " + prefix);
    }

    /** The hierarchy's children fragment (htmx) with bad input: a clear 400 with a message, never a 5xx. */
    @Test
    void hierarchyChildrenWithBadInputAnswer400WithAMessage() throws Exception {
        for (String id : List.of("42", "not-a-guid", "x".repeat(5_000), "1-2-3-4-5-6",
                "3f2504e0-4f89-11d3-9a0c-0305e82c3301-ff")) {
            String body = mvc.perform(get("/app/account/" + id + "/hierarchy/children")
                            .header("Accept-Language", "en"))
                    .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
            assertThat(body).as(id.length() > 60 ? "a huge id" : id).contains("is not a record id (id)");
            if (id.length() > 40) {
                // the message quotes the first 40 characters of a huge value, not all of it
                assertThat(body).contains("“" + id.substring(0, 40) + "…” is not a record id (id)");
            }
        }
        String spanish = mvc.perform(get("/app/account/nope/hierarchy/children").header("Accept-Language", "es"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(spanish).contains("«nope» no es un identificador de registro (id)");
        // an entity without a hierarchy is refused with the pipeline's message
        String contact = mvc.perform(get("/app/contact/" + UUID.randomUUID() + "/hierarchy/children")
                        .header("Accept-Language", "en"))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(contact).contains("contact has no hierarchy");
        // a well-formed id of no record: no children, not an error
        String none = page("/app/account/" + UUID.randomUUID() + "/hierarchy/children");
        assertThat(none).doesNotContain("hierarchy-node");
    }

    @Test
    void dashboardChartsComeFromAggregateQueries() throws Exception {
        UUID customer = account(prefix + " Buyer");
        organization.create(new Entity("opportunity").set("name", prefix + " deal")
                .set("customerid", new EntityReference("account", customer))
                .set("estimatedvalue", new BigDecimal("2500")).set("salesstage", 2));
        organization.create(new Entity("lead").set("subject", prefix).set("lastname", prefix)
                .set("leadsourcecode", 7));
        String home = page("/");
        assertThat(home).contains("id=\"chart-pipeline\"").contains("Propose").contains("Trade Show")
                .contains("data-chart=\"doughnut\"");
    }

    @Test
    void pagesFollowTheUsersLanguageThenTheBrowsers() throws Exception {
        String spanish = mvc.perform(get("/app/account").header("Accept-Language", "es-MX,es;q=0.9"))
                .andReturn().getResponse().getContentAsString();
        assertThat(spanish).contains(">Cuentas<").contains("Cerrar sesión").doesNotContain("??");
        try {
            mvc.perform(post("/settings/language").with(csrf()).param("language", "pt-BR")
                    .param("returnTo", "/app/lead")).andExpect(status().is3xxRedirection());
            String portuguese = mvc.perform(get("/app/lead").header("Accept-Language", "en"))
                    .andReturn().getResponse().getContentAsString();
            assertThat(portuguese).contains("Clientes Potenciais").contains("Sair").contains("lang=\"pt-BR\"");
        } finally {
            mvc.perform(post("/settings/language").with(csrf()).param("language", "en"));
        }
    }

    @Test
    void customizationAddsAnEntityThatGetsListFormAndNavigation() throws Exception {
        String name = prefix.toLowerCase() + "_project";
        mvc.perform(post("/settings/customization/entities").with(csrf()).param("name", name)
                .param("name_en", "Project " + prefix).param("name_es", "Proyecto " + prefix)
                .param("plural_en", "Projects " + prefix).param("plural_es", "Proyectos " + prefix))
                .andExpect(status().is3xxRedirection());
        String entity = "new_" + name;
        assertThat(page("/app/" + entity)).contains("Projects " + prefix);
        String spanish = mvc.perform(get("/app/" + entity + "/new").header("Accept-Language", "es"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(spanish).contains("Proyectos " + prefix).contains("id=\"f-new_name\"");
        MvcResult created = mvc.perform(post("/app/" + entity + "/new").with(csrf()).param("new_name", "Rollout"))
                .andExpect(status().is3xxRedirection()).andReturn();
        assertThat(page(created.getResponse().getRedirectedUrl())).contains("Rollout");
    }

    @Test
    void onlyAdministratorsCustomize() throws Exception {
        mvc.perform(get("/settings/customization").with(signedInAs("clerk-" + prefix)))
                .andExpect(status().isForbidden());
    }

    @Test
    void aPersonWhoIsNoAdministratorCannotChangeMetadataFromThePages() throws Exception {
        var clerk = signedInAs("clerk-post-" + prefix);
        var before = metadata.snapshot();
        mvc.perform(post("/settings/customization/contact/fields/telephone1").with(csrf()).with(clerk)
                .param("label_en", "Changed " + prefix).param("requiredLevel", "application"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/settings/customization/entities").with(csrf()).with(clerk).param("name", "x" + prefix
                .toLowerCase()).param("name_en", "Refused")).andExpect(status().isForbidden());
        assertThat(metadata.snapshot().version()).isEqualTo(before.version());
        assertThat(metadata.snapshot().entity("contact").attribute("telephone1").displayName())
                .isEqualTo(before.entity("contact").attribute("telephone1").displayName());
    }

    @Test
    void theSystemAdministratorRoleIsTheOneRuleAndAppliesWithoutSigningInAgain() throws Exception {
        var person = signedInAs("lead-admin-" + prefix);
        mvc.perform(get("/settings/customization").with(person)).andExpect(status().isForbidden());
        UUID user = organization.retrieveMultiple(io.rapport.query.QueryExpression.from("systemuser")
                .where(io.rapport.query.Condition.eq("domainname", "lead-admin-" + prefix)).build()).entities()
                .get(0).id();
        UUID role = organization.retrieveMultiple(io.rapport.query.QueryExpression.from("role")
                .where(io.rapport.query.Condition.eq("roletemplateid",
                        UUID.fromString("627090ff-40a3-4053-8790-584edc5be201")))
                .where(io.rapport.query.Condition.of("parentroleid", io.rapport.query.ConditionOperator.NULL))
                .build()).entities().get(0).id();
        organization.associate(new EntityReference("systemuser", user), "systemuserroles_association",
                List.of(new EntityReference("role", role)));
        mvc.perform(get("/settings/customization").with(person)).andExpect(status().isOk());
        organization.execute(new io.rapport.pipeline.Messages.DisassociateRequest(new EntityReference("systemuser",
                user), "systemuserroles_association", List.of(new EntityReference("role", role))));
        mvc.perform(get("/settings/customization").with(person)).andExpect(status().isForbidden());
    }

    @Test
    void aPersonWithoutRolesManagesTheirAccessTokensInTheirLanguage() throws Exception {
        var person = signedInAs("scripter-" + prefix);
        String empty = mvc.perform(get("/settings/tokens").with(person).header("Accept-Language", "es"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(empty).contains("Mis tokens de acceso").contains("id=\"tokens-none\"");

        String invalid = mvc.perform(post("/settings/tokens").with(csrf()).with(person).param("name", " ")
                        .param("scope", "admin").param("days", "1000").header("Accept-Language", "en"))
                .andExpect(status().isUnprocessableEntity()).andReturn().getResponse().getContentAsString();
        assertThat(invalid).contains("Give the token a name of 1 to 200 characters.")
                .contains("Choose read only or read and write.").contains("Choose when the token expires.")
                .contains("id=\"tokens-none\"");

        String issued = mvc.perform(post("/settings/tokens").with(csrf()).with(person).param("name", "nightly")
                        .param("scope", "read").param("days", "7").header("Accept-Language", "pt-BR"))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(issued).contains("Seu token &quot;nightly&quot; está pronto").containsPattern(
                "id=\"token-secret\"[^>]*value=\"rpat_[A-Za-z0-9_-]{43}\"").contains("Somente leitura");
        String id = issued.replaceAll("(?s).*id=\"token-([0-9a-f-]{36})\".*", "$1");

        var stranger = signedInAs("stranger-" + prefix);
        mvc.perform(post("/settings/tokens/" + id + "/revoke").with(csrf()).with(stranger))
                .andExpect(status().isNotFound());
        mvc.perform(post("/settings/tokens/" + id + "/revoke").with(csrf()).with(person))
                .andExpect(status().is3xxRedirection());
        assertThat(mvc.perform(get("/settings/tokens").with(person)).andReturn().getResponse()
                .getContentAsString()).doesNotContain("token-" + id).contains("id=\"tokens-none\"");
    }

    @Test
    void customizationAddsAFieldToTheFormAndTheViewAtOnce() throws Exception {
        String field = prefix.toLowerCase() + "_score";
        mvc.perform(post("/settings/customization/contact/fields").with(csrf()).param("name", field)
                .param("label_en", "Score " + prefix).param("label_es", "Puntuación").param("type", "picklist")
                .param("options", "Low | Bajo | Baixo\nHigh | Alto | Alto").param("requiredLevel", "none")
                .param("addToForm", "on").param("addToView", "on")).andExpect(status().is3xxRedirection());
        String attribute = "new_" + field;
        assertThat(metadata.snapshot().entity("contact").attribute(attribute).optionSet().options()).hasSize(2);
        assertThat(audit.history("contact", io.rapport.metadata.MetadataNames.metadataId("attribute", "contact",
                attribute), 1, 10)).singleElement().satisfies(e -> {
                    assertThat(e.operation()).isEqualTo("CreateAttribute");
                    assertThat(e.channel()).isEqualTo("UI");
                    assertThat(e.changes().get("LogicalName").newValue()).isEqualTo(attribute);
                });
        assertThat(page("/app/contact/new")).contains("id=\"f-" + attribute + "\"").contains("Score " + prefix);
        assertThat(page("/app/contact")).contains("data-column=\"" + attribute + "\"");
        MvcResult created = mvc.perform(post("/app/contact/new").with(csrf()).param("lastname", prefix)
                .param(attribute, "100000001")).andExpect(status().is3xxRedirection()).andReturn();
        UUID id = UUID.fromString(created.getResponse().getRedirectedUrl().replaceAll(".*/", ""));
        assertThat(organization.retrieve("contact", id, ColumnSet.of(attribute)).getInteger(attribute))
                .isEqualTo(100000001);
    }
}
