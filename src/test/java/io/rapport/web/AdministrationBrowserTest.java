package io.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.Axe;
import io.rapport.testing.Browser;
import io.rapport.testing.OnH2;
import io.rapport.testing.Principals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.MessageSource;

/**
 * Administration in the UI (issue 20), in a real headless Chromium, signed in as a System Administrator: the
 * Settings page and every area it links to, in three languages and free of serious or critical axe-core
 * violations; the security role editor (copy the Salesperson role, set Read on accounts to User, give the copy to a
 * salesperson, who then does not see a colleague's account, then grant Read at Business Unit depth, after which
 * they do); roles given to and taken from a team; the account and user hierarchy as a tree whose children load when
 * opened, filtered by the caller's access; and the form editor (a section added, a field moved into it, another
 * removed, seen by a salesperson at once; on the contract form a field moved to another tab, a field added, a section
 * removed and a related-records list moved into a section as a subgrid, seen by a service representative at once). Screenshots go to target/screenshots/admin-*.png.
 */
@OnH2
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdministrationBrowserTest {

    /** The links the Settings page has, by id, with the entity each opens (or null for a page of its own). */
    static final List<String> SETTINGS_LINKS = List.of("settings-systemuser", "settings-team", "settings-businessunit",
            "settings-roles", "settings-fieldsecurityprofile", "settings-mailbox", "settings-autonumbering",
            "settings-transactioncurrency",
            "settings-connectionrole", "settings-duplicaterule", "settings-attributemap", "settings-template",
            "settings-calendar", "settings-customization", "settings-forms", "settings-queue", "settings-subject",
            "settings-sla", "settings-contracttemplate", "settings-entitlement", "settings-product",
            "settings-pricelevel", "settings-uomschedule", "settings-discounttype", "settings-list",
            "settings-campaign");

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService organization;

    @Autowired
    MessageSource messages;

    private Principals people;
    private String run;
    private UUID admin;
    private UUID unit;
    private UUID colleague;
    private UUID seller;
    private UUID colleagueAccount;
    private Browser browser;

    @BeforeAll
    void start() throws Exception {
        people = new Principals(organization);
        run = people.run();
        admin = people.user("ada", people.rootUnit(), "System Administrator");
        unit = people.businessUnit("Field sales", people.rootUnit());
        colleague = people.user("cole", unit, "Salesperson");
        seller = people.user("sid", unit);
        colleagueAccount = people.as(colleague).create(new Entity("account").set("name", "Colleague account " + run));
        browser = Browser.start(port, "en-US,en");
        browser.signIn(people.userName(admin), Principals.PASSWORD);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    @Order(1)
    void settingsListsEveryAdministrativeAreaAndEachOpensInThreeLanguages() throws Exception {
        Map<String, List<String>> violations = new LinkedHashMap<>();
        Map<String, String> expectedTitle = Map.of("en-US,en", "Settings", "es-ES,es", "Configuración", "pt-BR,pt",
                "Configurações");
        Map<String, String> rolesLabel = Map.of("en-US,en", "Security roles", "es-ES,es", "Roles de seguridad",
                "pt-BR,pt", "Direitos de acesso");
        for (String language : List.of("en-US,en", "es-ES,es", "pt-BR,pt")) {
            Locale locale = Locale.forLanguageTag(language.substring(0, 5));
            String problem = messages.getMessage("problem.title", null, locale);
            try (Browser b = Browser.start(port, language)) {
                b.signIn(people.userName(admin), Principals.PASSWORD);
                b.find(By.id("area-settings")).click();
                b.waitUntil(ExpectedConditions.urlMatches(".*/settings$"));
                assertThat(b.find(By.id("settings-title")).getText()).isEqualTo(expectedTitle.get(language));
                List<String> ids = new ArrayList<>();
                Map<String, String> hrefs = new LinkedHashMap<>();
                for (WebElement a : b.driver().findElements(By.cssSelector("#settings-groups a"))) {
                    ids.add(a.getAttribute("id"));
                    hrefs.put(a.getAttribute("id"), a.getAttribute("href"));
                }
                assertThat(ids).containsExactlyElementsOf(SETTINGS_LINKS);
                assertThat(b.find(By.id("settings-roles")).getText()).isEqualTo(rolesLabel.get(language));
                assertThat(b.find(By.id("settings-systemuser")).getText()).isNotBlank();
                String tag = Map.of("en-US,en", "en", "es-ES,es", "es", "pt-BR,pt", "pt-BR").get(language);
                b.screenshot("main-" + tag + "-settings");
                // and at tablet width, without sideways scrolling
                b.driver().manage().window().setSize(new org.openqa.selenium.Dimension(820, 1180));
                b.waitUntil(d -> Long.valueOf(820).equals(b.driver().executeScript("return window.innerWidth")));
                assertThat(b.driver().executeScript("return document.documentElement.scrollWidth - window.innerWidth"))
                        .isEqualTo(0L);
                b.screenshot("tablet-" + tag + "-settings");
                b.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1366, 900));
                check(b, language, violations);
                // every area opens (in English; Spanish and Portuguese open the administration pages of their own)
                List<String> targets = language.startsWith("en") ? new ArrayList<>(hrefs.values())
                        : List.of(hrefs.get("settings-roles"), hrefs.get("settings-forms"),
                                hrefs.get("settings-forms") + "/account", hrefs.get("settings-autonumbering"));
                for (String target : targets) {
                    b.driver().get(target);
                    String h1 = b.find(By.tagName("h1")).getText();
                    assertThat(h1).as(target + " opens a working page").isNotEqualTo(problem).isNotBlank();
                    check(b, language, violations);
                }
            }
        }
        assertThat(violations).as("serious or critical axe-core violations").isEmpty();
    }

    @Test
    @Order(2)
    void aCopiedRoleGrantsReadAtBusinessUnitDepthAndTheSalespersonThenSeesTheColleaguesAccount() throws Exception {
        String name = "Restricted seller " + run;
        browser.open("/settings");
        browser.find(By.id("settings-roles")).click();
        browser.find(By.linkText("Salesperson")).click();
        browser.waitUntil(ExpectedConditions.textToBe(By.id("role-title"), "Security role: Salesperson"));
        assertThat(depth("prvReadAccount")).isEqualTo("Global");
        // the Dynamics privilege grid: entities by the eight rights, each cell a clickable depth
        assertThat(browser.find(By.id("privilege-grid")).findElements(By.cssSelector("thead th")).stream()
                .map(WebElement::getText).toList()).containsExactly("Entity", "Create", "Read", "Write", "Delete",
                        "Append", "Append To", "Assign", "Share");
        assertThat(browser.find(By.id("grid-account")).findElements(By.cssSelector("button.depth-cell")).stream()
                .map(c -> c.getAttribute("id")).toList()).containsExactly("cell-prvCreateAccount",
                        "cell-prvReadAccount", "cell-prvWriteAccount", "cell-prvDeleteAccount",
                        "cell-prvAppendAccount", "cell-prvAppendToAccount", "cell-prvAssignAccount",
                        "cell-prvShareAccount");
        assertThat(browser.find(By.id("depth-legend")).getText()).contains("None", "User", "Business Unit",
                "Parent: Child Business Units", "Organization");
        browser.find(By.id("copy-name")).sendKeys(name);
        browser.find(By.id("copy-role")).click();
        browser.waitUntil(ExpectedConditions.textToBe(By.id("role-title"), "Security role: " + name));
        UUID copy = UUID.fromString(browser.driver().getCurrentUrl().replaceAll(".*/settings/roles/", ""));
        assertThat(depth("prvReadAccount")).isEqualTo("Global");
        assertThat(depth("prvCreateAccount")).isEqualTo("Basic");

        // Organization -> None -> User, with the depth's name read out to assistive technology
        cycleTo("prvReadAccount", "Basic");
        assertThat(browser.find(By.id("cell-prvReadAccount")).getAttribute("title")).isEqualTo("User");
        browser.find(By.id("save-role")).click();
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert-success"),
                "The role is saved"));
        assertThat(depth("prvReadAccount")).isEqualTo("Basic");
        assertThat(depth("prvWriteAccount")).isEqualTo("Global");
        assertThat(granted(copy)).containsEntry("prvReadAccount", "Basic").containsEntry("prvWriteAccount", "Global");
        browser.screenshot("admin-role-editor");

        new Select(browser.find(By.id("add-user"))).selectByValue("systemuser:" + seller);
        browser.find(By.id("add-user-button")).click();
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("remove-systemuser-" + seller)));

        try (Browser asSeller = Browser.start(port, "en-US,en")) {
            asSeller.signIn(people.userName(seller), Principals.PASSWORD);
            assertThat(accountRows(asSeller)).as("read at User depth: the colleague's account is hidden").isZero();

            cycleTo("prvReadAccount", "Local");
            assertThat(browser.find(By.id("cell-prvReadAccount")).getAttribute("title")).isEqualTo("Business Unit");
            browser.find(By.id("save-role")).click();
            browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert-success"),
                    "The role is saved"));
            assertThat(granted(copy)).containsEntry("prvReadAccount", "Local");

            assertThat(accountRows(asSeller)).as("read at Business Unit depth: the colleague's account shows")
                    .isEqualTo(1);
            asSeller.screenshot("admin-role-salesperson-sees-account");
        }
    }

    @Test
    @Order(3)
    void aRoleIsGivenToATeamAndTakenBack() throws Exception {
        UUID team = people.team("Owners", unit, 0);
        browser.open("/settings/roles");
        browser.find(By.linkText("Salesperson")).click();
        new Select(browser.find(By.id("add-team"))).selectByValue("team:" + team);
        browser.find(By.id("add-team-button")).click();
        browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("remove-team-" + team)));
        assertThat(browser.find(By.id("role-members")).getText()).contains("Owners " + run);
        browser.find(By.id("remove-team-" + team)).click();
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert-success"),
                "The role is removed"));
        assertThat(browser.driver().findElements(By.id("remove-team-" + team))).isEmpty();
    }

    @Test
    @Order(4)
    void theAccountHierarchyIsATreeWhoseChildrenLoadWhenOpenedAndHoldsOnlyWhatTheCallerMayRead() throws Exception {
        UUID elsewhere = people.user("sue", people.businessUnit("Elsewhere", people.rootUnit()), "Salesperson");
        UUID top = people.as(elsewhere).create(new Entity("account").set("name", "Top " + run));
        OrganizationService asColleague = people.as(colleague);
        UUID mid = asColleague.create(account("Mid " + run, top));
        UUID leaf = asColleague.create(account("Leaf " + run, mid));
        UUID side = asColleague.create(account("Side " + run, top));
        UUID deep = asColleague.create(account("Deep " + run, side));

        browser.open("/app/account/" + mid);
        browser.find(By.id("show-hierarchy")).click();
        browser.find(By.id("hierarchy"));
        assertThat(browser.find(By.id("toggle-" + top)).getAttribute("aria-expanded")).isEqualTo("true");
        assertThat(browser.find(By.cssSelector("#children-" + top + " > #node-" + mid)).isDisplayed()).isTrue();
        assertThat(browser.find(By.cssSelector("#children-" + mid + " > #node-" + leaf)).getText())
                .isEqualTo("Leaf " + run);
        assertThat(browser.find(By.cssSelector("#node-" + mid + " > a")).getAttribute("aria-current"))
                .isEqualTo("page");
        assertThat(browser.find(By.id("toggle-" + side)).getAttribute("aria-expanded")).isEqualTo("false");
        assertThat(browser.driver().findElements(By.id("node-" + deep))).as("not loaded before it is opened")
                .isEmpty();
        browser.find(By.id("toggle-" + side)).click();
        assertThat(browser.find(By.cssSelector("#children-" + side + " > #node-" + deep)).getText())
                .isEqualTo("Deep " + run);
        browser.screenshot("admin-account-hierarchy");
        browser.find(By.id("toggle-" + side)).click();
        browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(By.id("node-" + deep)));
        assertThat(browser.find(By.id("toggle-" + side)).getAttribute("aria-expanded")).isEqualTo("false");

        // the seller (the restricted role of the test before: read at Business Unit depth) reads their unit's
        // accounts only: the tree starts at Mid, Top is not in it
        try (Browser asCole = Browser.start(port, "en-US,en")) {
            asCole.signIn(people.userName(seller), Principals.PASSWORD);
            asCole.open("/app/account/" + mid + "/hierarchy");
            asCole.find(By.id("hierarchy"));
            List<WebElement> roots = asCole.driver().findElements(By.cssSelector("#hierarchy > li"));
            assertThat(roots).hasSize(1);
            assertThat(roots.get(0).getAttribute("id")).isEqualTo("node-" + mid);
            assertThat(asCole.find(By.id("main")).getText()).doesNotContain("Top " + run).contains("Leaf " + run);
        }
    }

    @Test
    @Order(5)
    void theUserHierarchyIsATreeToo() throws Exception {
        organization.update(new Entity("systemuser", seller).set("parentsystemuserid",
                new EntityReference("systemuser", colleague)));
        browser.open("/app/systemuser/" + colleague);
        browser.find(By.id("show-hierarchy")).click();
        assertThat(browser.find(By.cssSelector("#children-" + colleague + " > #node-" + seller)).getText())
                .isEqualTo("sid " + run);
    }

    @Test
    @Order(6)
    void theFormEditorMovesAFieldIntoANewSectionAndAnotherUserSeesItAtOnce() throws Exception {
        String section = "Analysis " + run;
        browser.open("/settings");
        browser.find(By.id("settings-forms")).click();
        browser.find(By.id("form-competitor")).click();
        browser.find(By.id("form-editor-title"));
        new Select(browser.find(By.id("section-tab"))).selectByValue("summary");
        browser.find(By.id("section_en")).sendKeys(section);
        browser.find(By.id("section_es")).sendKeys("Análisis " + run);
        browser.find(By.id("section_pt-BR")).sendKeys("Análise " + run);
        browser.find(By.id("save-form")).click();
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert-success"),
                "Published."));
        new Select(browser.find(By.id("place-strengths"))).selectByVisibleText("Summary › " + section);
        new Select(browser.find(By.id("place-weaknesses"))).selectByVisibleText("Not on the form");
        browser.find(By.id("save-form")).click();
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert-success"),
                "Published."));
        assertThat(new Select(browser.find(By.id("place-strengths"))).getFirstSelectedOption().getText())
                .isEqualTo("Summary › " + section);
        assertThat(browser.driver().findElements(By.id("place-weaknesses"))).isEmpty();
        browser.screenshot("admin-form-editor");

        UUID competitor = organization.create(new Entity("competitor").set("name", "Rival " + run)
                .set("strengths", "Price"));
        try (Browser asCole = Browser.start(port, "es-ES,es")) {
            asCole.signIn(people.userName(colleague), Principals.PASSWORD);
            asCole.open("/app/competitor/" + competitor);
            WebElement strengths = asCole.find(By.xpath("//fieldset[legend[normalize-space()='Análisis " + run
                    + "']]//*[@id='f-strengths']"));
            assertThat(strengths.getAttribute("value")).isEqualTo("Price");
            assertThat(asCole.driver().findElements(By.id("f-weaknesses"))).isEmpty();
            asCole.screenshot("admin-form-editor-seen-by-salesperson-es");
        }
    }

    @Test
    @Order(7)
    void theFormEditorMovesAFieldToAnotherTabAddsOneRemovesASectionAndMovesASubgridIntoASection() throws Exception {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        UUID template = organization.create(new Entity("contracttemplate").set("name", "Template " + run)
                .set("abbreviation", "T").set("allotmenttypecode", 1));
        UUID customer = organization.create(new Entity("account").set("name", "Contract customer " + run));
        UUID contract = organization.create(new Entity("contract").set("title", "Care " + run)
                .set("customerid", new EntityReference("account", customer))
                .set("contracttemplateid", new EntityReference("contracttemplate", template))
                .set("activeon", today).set("expireson", today.plusDays(30)).set("description", "Gold care"));
        browser.open("/settings/forms/contract");
        browser.find(By.id("form-editor-title"));
        // Description moves from Summary to the Details tab, its emptied section goes, a field joins the form
        new Select(browser.find(By.id("place-description"))).selectByValue("details/billing");
        click(By.id("drop-section-summary-description"));
        new Select(browser.find(By.id("add-field"))).selectByValue("effectivitycalendar");
        new Select(browser.find(By.id("add-to"))).selectByValue("details/billing");
        // the cases leave the related records below the form and come back as a subgrid of Details › Billing
        click(By.id("drop-contract_cases"));
        new Select(browser.find(By.id("grid-relationship"))).selectByValue("contract_cases");
        browser.waitUntil(d -> new Select(d.findElement(By.id("grid-view"))).getOptions().size() > 1);
        new Select(browser.find(By.id("grid-section"))).selectByValue("details/billing");
        click(By.id("save-form"));
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(".alert-success"),
                "Published."));
        assertThat(browser.driver().findElements(By.id("section-summary-description"))).isEmpty();
        assertThat(new Select(browser.find(By.id("place-description"))).getFirstSelectedOption()
                .getAttribute("value")).isEqualTo("details/billing");
        assertThat(browser.find(By.id("row-effectivitycalendar")).isDisplayed()).isTrue();
        browser.screenshot("admin-form-editor-contract");

        // the last section of a tab does not go
        click(By.id("drop-section-details-billing"));
        click(By.id("drop-section-details-system"));
        click(By.id("save-form"));
        assertThat(browser.find(By.id("form-editor-problems")).findElements(By.tagName("li")).stream()
                .map(WebElement::getText).toList()).containsExactly("The tab Details keeps one section at least.");
        assertThat(browser.driver().findElements(By.id("section-details-billing"))).hasSize(1);

        UUID csr = people.user("cass", unit, "Customer Service Representative");
        try (Browser asCsr = Browser.start(port, "en-US,en")) {
            asCsr.signIn(people.userName(csr), Principals.PASSWORD);
            asCsr.open("/app/contract/" + contract);
            asCsr.find(By.id("record-form"));
            assertThat(asCsr.driver().findElements(By.cssSelector("#pane-details #f-description"))).hasSize(1);
            assertThat(asCsr.driver().findElements(By.cssSelector("#pane-summary #f-description"))).isEmpty();
            assertThat(asCsr.driver().findElements(By.id("section-description"))).isEmpty();
            assertThat(asCsr.driver().findElements(By.cssSelector("#section-billing #f-effectivitycalendar")))
                    .hasSize(1);
            assertThat(asCsr.driver().findElements(By.cssSelector("#section-billing #section-grid-contract_cases")))
                    .hasSize(1);
            assertThat(asCsr.driver().findElements(By.id("subgrid-contract_cases"))).isEmpty();
            assertThat(asCsr.driver().findElements(By.id("subgrid-contract_line_items"))).hasSize(1);
            asCsr.find(By.id("tab-details")).click();
            assertThat(asCsr.find(By.id("f-description")).getAttribute("value")).isEqualTo("Gold care");
            asCsr.awaitLoaded();
            asCsr.screenshot("admin-form-editor-contract-seen-by-csr");
        }
    }

    @Test
    @Order(8)
    void badInputIsRefusedWithEveryErrorAtOnceAndNothingChanges() throws Exception {
        browser.open("/settings/forms/competitor");
        browser.find(By.id("form-editor-title"));
        String strengthsBefore = new Select(browser.find(By.id("place-strengths"))).getFirstSelectedOption()
                .getText();
        // past the browser's own checks (min="1"): the server must refuse it too
        browser.driver().executeScript("document.getElementById('form-editor').noValidate = true;"
                + "document.getElementById('pos-name').value = '0';"
                + "var o = document.createElement('option'); o.value = 'nowhere/none'; o.text = 'x';"
                + "var s = document.getElementById('place-strengths'); s.appendChild(o); s.value = 'nowhere/none';");
        browser.find(By.id("save-form")).click();
        List<String> problems = browser.find(By.id("form-editor-problems")).findElements(By.tagName("li")).stream()
                .map(WebElement::getText).toList();
        assertThat(problems).containsExactly("The position of Name must be a whole number from 1 to 1000.",
                "Choose one of the form's sections for Strengths.");
        browser.open("/settings/forms/competitor");
        assertThat(browser.find(By.id("pos-name")).getAttribute("value")).isEqualTo("1");
        assertThat(new Select(browser.find(By.id("place-strengths"))).getFirstSelectedOption().getText())
                .isEqualTo(strengthsBefore);
    }

    private void click(By by) {
        WebElement element = browser.find(by);
        browser.driver().executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
        element.click();
    }

    private static Entity account(String name, UUID parent) {
        return new Entity("account").set("name", name).set("parentaccountid", new EntityReference("account", parent));
    }

    private int accountRows(Browser b) {
        b.open("/app/account?q=Colleague%20account%20" + run);
        b.find(By.id("grid"));
        return b.driver().findElements(By.cssSelector("tr[data-id='" + colleagueAccount + "']")).size();
    }

    private String depth(String privilege) {
        return browser.waitUntil(ExpectedConditions.presenceOfElementLocated(By.id("d-" + privilege)))
                .getAttribute("value");
    }

    private void cycleTo(String privilege, String depth) {
        for (int i = 0; i < 5 && !depth.equals(depth(privilege)); i++) {
            browser.find(By.id("cell-" + privilege)).click();
        }
        assertThat(depth(privilege)).isEqualTo(depth);
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> granted(UUID role) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Object o : (List<Object>) organization.execute(new ActionRequest("RetrieveRolePrivilegesRole",
                new EntityReference("role", role), Map.of())).output("RolePrivileges")) {
            Map<String, Object> p = (Map<String, Object>) o;
            result.put(String.valueOf(p.get("PrivilegeName")), String.valueOf(p.get("Depth")));
        }
        return result;
    }

    private static void check(Browser b, String language, Map<String, List<String>> found) throws Exception {
        b.waitUntil(d -> d.findElements(By.cssSelector(".htmx-request")).isEmpty());
        List<String> v = Axe.seriousViolations(b);
        if (!v.isEmpty()) {
            found.put(language.substring(0, 5) + " " + b.driver().getCurrentUrl(), v);
        }
    }
}
