package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.audit.AuditEntry;
import io.rapport.audit.AuditLog;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import io.rapport.testing.SalesCatalog;
import io.rapport.webapi.ApiClient.Response;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The organization record over the Web API as Dataverse has it ({@code organizations}, one record): every user reads
 * it, with the id WhoAmI answers, the configured name, the base currency and the prefixes of the automatic numbers;
 * only a System Administrator changes it (a salesperson gets 403 with 0x80040220), audited; nobody creates another
 * or deletes it, nor empties a prefix (400). The next quote, order and case take the prefix an administrator set,
 * and numbers stay unique. Competitors: read by the service and marketing roles, kept by salespeople.
 */
abstract class OrganizationWebApiTest {

    @OnH2
    static class H2 extends OrganizationWebApiTest {
    }

    @OnPostgres
    static class Postgres extends OrganizationWebApiTest {
    }

    private static final String SELECT = "organizations?$select=name,quoteprefix,orderprefix,invoiceprefix,"
            + "caseprefix,contractprefix,_basecurrencyid_value";

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    @Autowired
    AuditLog audit;

    Principals people;
    ApiClient admin;
    ApiClient seller;
    ApiClient representative;
    ApiClient marketer;
    String account;

    @BeforeEach
    void setUp() {
        people = new Principals(org);
        UUID unit = people.businessUnit("Numbering", people.rootUnit());
        admin = ApiClient.signedIn(port, people, people.user("numadmin", people.rootUnit(), "System Administrator"));
        seller = ApiClient.signedIn(port, people, people.user("numseller", unit, "Salesperson"));
        representative = ApiClient.signedIn(port, people,
                people.user("numcsr", unit, "Customer Service Representative"));
        marketer = ApiClient.signedIn(port, people, people.user("nummarketer", unit, "Marketing Professional"));
        account = org.create(new Entity("account").set("name", "Numbered customer " + people.run())).toString();
    }

    private String organizationId() {
        return admin.read(SELECT).path("value").get(0).path("organizationid").asText();
    }

    @Test
    void everyUserReadsTheOneOrganizationRecord() {
        UUID usd = org.retrieveMultiple(QueryExpression.from("transactioncurrency").columns(ColumnSet.none())
                .where(Condition.eq("isocurrencycode", "USD")).top(1).build()).entities().get(0).id();
        for (ApiClient reader : List.of(seller, representative, marketer, admin)) {
            JsonNode rows = reader.read(SELECT).path("value");
            assertThat(rows).hasSize(1);
            JsonNode record = rows.get(0);
            assertThat(record.path("organizationid").asText())
                    .isEqualTo(reader.read("WhoAmI()").path("OrganizationId").asText());
            assertThat(record.path("name").asText()).isEqualTo("Rapport");
            assertThat(record.path("_basecurrencyid_value").asText()).isEqualTo(usd.toString());
            assertThat(record.path("quoteprefix").asText()).isEqualTo("QUO");
            assertThat(record.path("orderprefix").asText()).isEqualTo("ORD");
            assertThat(record.path("invoiceprefix").asText()).isEqualTo("INV");
            assertThat(record.path("caseprefix").asText()).isEqualTo("CAS");
            assertThat(record.path("contractprefix").asText()).isEqualTo("CNR");
        }
        assertThat(seller.read("RetrieveCurrentOrganization(AccessType=@p1)?@p1=" + ApiClient.enc("'Default'"))
                .path("Detail").path("FriendlyName").asText()).isEqualTo("Rapport");
    }

    @Test
    void onlyAnAdministratorChangesTheOrganizationAndNobodyAddsOrRemovesOne() {
        String id = organizationId();
        Response denied = seller.patch("organizations(" + id + ")", "{\"quoteprefix\":\"OFR\"}");
        assertThat(denied.status()).as(denied.body()).isEqualTo(403);
        assertThat(denied.errorCode()).isEqualTo("0x80040220");
        assertThat(seller.read("organizations(" + id + ")?$select=quoteprefix").path("quoteprefix").asText())
                .isEqualTo("QUO");

        Response created = admin.post("organizations", "{\"name\":\"Second\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(400);
        assertThat(created.errorCode()).isEqualTo("0x80040800");
        assertThat(created.errorMessage()).isEqualTo("The organization record is made by Rapport at its first start; "
                + "no other can be created.");
        Response deleted = admin.delete("organizations(" + id + ")");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(400);
        assertThat(deleted.errorCode()).isEqualTo("0x80040800");
        assertThat(deleted.errorMessage()).isEqualTo("The organization record cannot be deleted.");
        Response emptied = admin.patch("organizations(" + id + ")", "{\"quoteprefix\":\"\"}");
        assertThat(emptied.status()).as(emptied.body()).isEqualTo(400);
        assertThat(emptied.errorCode()).isEqualTo("0x80040203");
        assertThat(emptied.errorMessage()).isEqualTo("The field 'Quote Prefix' of the organization cannot be empty.");
        assertThat(admin.read(SELECT).path("value")).hasSize(1);
        assertThat(admin.read("organizations(" + id + ")?$select=quoteprefix").path("quoteprefix").asText())
                .isEqualTo("QUO");
    }

    @Test
    void theNextQuoteOrderAndCaseTakeThePrefixAnAdministratorSet() {
        String id = organizationId();
        SalesCatalog catalog = new SalesCatalog(org);
        String document = "{\"name\":\"Numbered %s\",\"customerid_account@odata.bind\":\"/accounts(" + account
                + ")\",\"pricelevelid@odata.bind\":\"/pricelevels(" + catalog.priceList + ")\"}";
        Response changed = admin.patch("organizations(" + id + ")",
                "{\"quoteprefix\":\"OFR\",\"orderprefix\":\"PED\",\"caseprefix\":\"TCK\"}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(204);
        try {
            Set<String> numbers = new HashSet<>();
            for (int i = 0; i < 3; i++) {
                String quote = seller.create("quotes", document.formatted("quote " + i));
                String number = seller.read("quotes(" + quote + ")?$select=quotenumber").path("quotenumber").asText();
                assertThat(number).matches("OFR-\\d{5,}");
                numbers.add(number);
            }
            assertThat(numbers).as("quote numbers are unique").hasSize(3);
            String order = seller.create("salesorders", document.formatted("order"));
            assertThat(seller.read("salesorders(" + order + ")?$select=ordernumber").path("ordernumber").asText())
                    .matches("PED-\\d{5,}");
            String incident = representative.create("incidents", "{\"title\":\"Numbered case " + people.run()
                    + "\",\"customerid_account@odata.bind\":\"/accounts(" + account + ")\"}");
            assertThat(representative.read("incidents(" + incident + ")?$select=ticketnumber").path("ticketnumber")
                    .asText()).matches("TCK-\\d{5}-[A-Z2-9]{6}");

            List<AuditEntry> history = audit.history("organization", UUID.fromString(id), 1, 10);
            AuditEntry change = history.stream().filter(e -> e.changes().containsKey("orderprefix")).findFirst()
                    .orElseThrow();
            assertThat(change.operation()).isEqualTo("Update");
            assertThat(change.changes().get("quoteprefix").oldValue()).isEqualTo("QUO");
            assertThat(change.changes().get("quoteprefix").newValue()).isEqualTo("OFR");
            assertThat(change.changes().get("caseprefix").newValue()).isEqualTo("TCK");
        } finally {
            Response restored = admin.patch("organizations(" + id + ")",
                    "{\"quoteprefix\":\"QUO\",\"orderprefix\":\"ORD\",\"caseprefix\":\"CAS\"}");
            assertThat(restored.status()).as(restored.body()).isEqualTo(204);
        }
        String quote = seller.create("quotes", document.formatted("quote after"));
        assertThat(seller.read("quotes(" + quote + ")?$select=quotenumber").path("quotenumber").asText())
                .matches("QUO-\\d{5,}");
    }

    /**
     * Settings, Auto-numbering: an administrator is taken to the organization record's form, whose sections and labels
     * speak English, Spanish and Brazilian Portuguese; others are refused.
     */
    @Test
    void theAutoNumberingSettingsOpenTheOrganizationsFormInThreeLanguages() {
        String id = organizationId();
        String base = "http://localhost:" + port;
        Response page = admin.get(base + "/settings/autonumbering");
        assertThat(page.status()).as(page.body()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/app/organization/" + id + "?area=settings");
        Map<String, List<String>> texts = Map.of(
                "en", List.of("Auto-numbering prefixes", "Quote Prefix", "Case Prefix"),
                "es", List.of("Prefijos de numeración automática", "Prefijo de oferta", "Prefijo de caso"),
                "pt-BR", List.of("Prefixos de numeração automática", "Prefixo de Cotação", "Prefixo de Ocorrência"));
        texts.forEach((language, expected) -> {
            Response form = admin.get(base + "/app/organization/" + id + "?area=settings", "Accept-Language", language);
            assertThat(form.status()).as(form.body()).isEqualTo(200);
            assertThat(form.body()).as(language).contains(expected);
        });
        assertThat(seller.get(base + "/settings/autonumbering").status()).isEqualTo(403);
    }

    /**
     * Competitors as Dynamics grants them: the Customer Service Representative and the Marketing Professional read
     * them (Read, organization) and nothing more; a salesperson records them.
     */
    @Test
    void serviceAndMarketingReadCompetitorsThatSalespeopleKeep() {
        String competitor = seller.create("competitors", "{\"name\":\"Rival " + people.run() + "\"}");
        for (ApiClient reader : List.of(representative, marketer)) {
            assertThat(reader.read("competitors(" + competitor + ")?$select=name").path("name").asText())
                    .isEqualTo("Rival " + people.run());
            Response refused = reader.post("competitors", "{\"name\":\"Other rival " + people.run() + "\"}");
            assertThat(refused.status()).as(refused.body()).isEqualTo(403);
            assertThat(refused.errorCode()).isEqualTo("0x80040220");
            Response unchanged = reader.patch("competitors(" + competitor + ")", "{\"name\":\"Renamed\"}");
            assertThat(unchanged.status()).as(unchanged.body()).isEqualTo(403);
        }
        assertThat(seller.read("competitors(" + competitor + ")?$select=name").path("name").asText())
                .isEqualTo("Rival " + people.run());
    }
}
