package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.webapi.ApiClient.Response;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Dataverse fidelity over real HTTP (issue 22): no reflected-file-download header, operation response shapes as
 * in Dataverse's CSDL, parameter aliases, raw brackets in query strings, activity regarding navigation names,
 * options that are never ignored, {@code $count} segments and the standard columns of the built-in entities.
 */
abstract class WebApiFidelityTest {

    @OnH2
    static class H2 extends WebApiFidelityTest {
    }

    @OnPostgres
    static class Postgres extends WebApiFidelityTest {
    }

    @LocalServerPort
    int port;

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping annotatedMappings;

    ApiClient api;
    String run;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        run = UUID.randomUUID().toString().substring(0, 8);
    }

    String create(String set, String json) {
        Response r = api.post(set, json);
        assertThat(r.status()).as(r.body()).isEqualTo(204);
        return ApiClient.idOf(r);
    }

    @Test
    void noWebApiAnswerCarriesTheReflectedFileDownloadHeader() {
        String lead = create("leads", "{\"subject\":\"RFD " + run + "\",\"lastname\":\"Rfd\",\"companyname\":\"Rfd "
                + run + "\"}");
        Response qualified = api.post("leads(" + lead + ")/Microsoft.Dynamics.CRM.QualifyLead",
                "{\"CreateAccount\":true,\"CreateContact\":false,\"CreateOpportunity\":false,\"Status\":3}");
        assertThat(qualified.status()).as(qualified.body()).isEqualTo(200);
        assertThat(qualified.header("Content-Disposition")).isNull();
        assertThat(qualified.header("Content-Type")).startsWith("application/json");
        // a function by its full name, an error on a dotted segment and a dotted key: all without the header
        for (Response r : new Response[] {api.get("Microsoft.Dynamics.CRM.WhoAmI()"),
                api.get("leads(" + lead + ")/Microsoft.Dynamics.CRM.Nothing.txt"),
                api.get("accounts(accountnumber='a.exe')"), api.get("leads(" + lead + ")/subject.html")}) {
            assertThat(r.header("Content-Disposition")).as(r.body()).isNull();
        }
    }

    /**
     * The API root and everything below it are mapped by a handler mapping of their own (WebApiHandlerMapping), not
     * by an annotated controller, whose lookup tried every pattern of the application on each API request; every
     * method, OPTIONS included, is answered by the API itself with Dataverse's error shape where it has no meaning.
     */
    @Test
    void theApiIsMappedApartAndAnswersEveryMethodItself() {
        assertThat(annotatedMappings.getHandlerMethods().keySet()).allSatisfy(info ->
                assertThat(info.getPatternValues()).noneMatch(p -> p.startsWith("/api/data")));
        String account = create("accounts", "{\"name\":\"Mapped " + run + "\"}");
        assertThat(api.get("accounts(" + account + ")?$select=name").json().path("name").asText())
                .isEqualTo("Mapped " + run);
        assertThat(api.get("").json().path("@odata.context").asText()).endsWith("/api/data/v9.2/$metadata");
        for (String path : new String[] {"accounts", "accounts(" + account + ")", ""}) {
            Response options = api.send("OPTIONS", path, null);
            assertThat(options.status()).as(path + ": " + options.body()).isEqualTo(405);
            assertThat(options.errorCode()).as(options.body()).isEqualTo("0x80060888");
            assertThat(options.header("Content-Type")).startsWith("application/json");
        }
    }

    /**
     * The return type of each operation in the catalog, read from {@code conformance/return-types.json} (shared with
     * the conformance suite's shapes.mjs): Dataverse's from its Web API action and function reference ("" for none),
     * Rapport's own operations apart. A new operation fails here until its return type is written down there.
     */
    static final Map<String, String> DATAVERSE_RETURN_TYPES = returnTypes("dataverse");

    /**
     * Operations that take the Organization Service's shape where the Web API's differs, not yet brought in line:
     * Dataverse binds AddItemCampaign to the item (list, product, campaign) with a Campaign parameter and returns the
     * campaignitem; Rapport's takes CampaignId, EntityId and EntityName and answers with CampaignItemId.
     */
    static final Map<String, String> KNOWN_DIFFERENCES = Map.of();

    /** Rapport's own operations (no Dataverse counterpart) and the shape they answer with. */
    static final Map<String, String> RAPPORT_RETURN_TYPES = returnTypes("rapport");

    private static Map<String, String> returnTypes(String group) {
        try {
            Map<String, String> types = new TreeMap<>();
            ApiClient.JSON.readTree(Path.of("conformance", "return-types.json").toFile()).path(group).fields()
                    .forEachRemaining(e -> types.put(e.getKey(), e.getValue().asText()));
            return types;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everyOperationInTheCatalogDeclaresDataversesReturnType() throws Exception {
        Response r = api.get("$metadata");
        assertThat(r.status()).isEqualTo(200);
        Document csdl = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(r.body())));
        Map<String, String> declared = new TreeMap<>();
        for (String kind : new String[] {"Action", "Function"}) {
            NodeList ops = csdl.getElementsByTagName(kind);
            for (int i = 0; i < ops.getLength(); i++) {
                Element op = (Element) ops.item(i);
                NodeList ret = op.getElementsByTagName("ReturnType");
                declared.put(op.getAttribute("Name"), ret.getLength() == 0 ? ""
                        : ((Element) ret.item(0)).getAttribute("Type"));
            }
        }
        Map<String, String> unknown = new TreeMap<>();
        Map<String, String> wrong = new TreeMap<>();
        declared.forEach((name, type) -> {
            if (name.startsWith("rapport_")) {
                return; // operations the test suite itself registers (TestOperations)
            }
            String expected = DATAVERSE_RETURN_TYPES.containsKey(name) ? DATAVERSE_RETURN_TYPES.get(name)
                    : KNOWN_DIFFERENCES.containsKey(name) ? KNOWN_DIFFERENCES.get(name)
                    : RAPPORT_RETURN_TYPES.get(name);
            if (expected == null) {
                unknown.put(name, type);
            } else if (!expected.equals(type)) {
                wrong.put(name, type + " (Dataverse: " + expected + ")");
            }
        });
        assertThat(declared).as("the metadata actions are described").containsEntry("InsertOptionValue",
                "mscrm.InsertOptionValueResponse").containsKeys("UpdateOptionValue", "DeleteOptionValue", "OrderOption",
                "PublishXml", "PublishAllXml");
        // the bulk messages bound to the entity set: UpsertMultiple as Dataverse's reference gives it, no return type
        assertThat(declared).as("the bulk messages are described").containsEntry("CreateMultiple",
                "mscrm.CreateMultipleResponse").containsEntry("UpdateMultiple", "").containsEntry("UpsertMultiple", "")
                .containsEntry("DeleteMultiple", "");
        assertThat(unknown).as("operations whose Dataverse return type is not written down").isEmpty();
        assertThat(wrong).as("operations that declare another return type than Dataverse").isEmpty();
    }

    @Test
    void operationsAnswerWithTheShapeTheyDeclare() {
        // Collection(mscrm.crmbaseentity): a value array with the type of each record
        String lead = create("leads", "{\"subject\":\"Shape " + run + "\",\"lastname\":\"Shape\",\"companyname\":"
                + "\"Shape " + run + "\"}");
        Response qualified = api.post("leads(" + lead + ")/Microsoft.Dynamics.CRM.QualifyLead",
                "{\"CreateAccount\":true,\"CreateContact\":true,\"CreateOpportunity\":false,\"Status\":3}");
        assertThat(qualified.status()).as(qualified.body()).isEqualTo(200);
        JsonNode body = qualified.json();
        assertThat(body.path("@odata.context").asText()).isEqualTo(api.root()
                + "$metadata#Collection(Microsoft.Dynamics.CRM.crmbaseentity)");
        assertThat(body.has("CreatedEntities")).isFalse();
        assertThat(body.path("value")).hasSize(2);
        Map<String, String> created = new TreeMap<>();
        body.path("value").forEach(v -> created.put(v.path("@odata.type").asText(), v.path(
                v.path("@odata.type").asText().replace("#Microsoft.Dynamics.CRM.", "") + "id").asText()));
        assertThat(created).containsOnlyKeys("#Microsoft.Dynamics.CRM.account", "#Microsoft.Dynamics.CRM.contact");
        String account = created.get("#Microsoft.Dynamics.CRM.account");
        assertThat(api.get("accounts(" + account + ")?$select=name").json().path("name").asText())
                .isEqualTo("Shape " + run);

        // mscrm.crmbaseentity: the record itself
        Response rollup = api.get("CalculateRollupField(Target=@t,FieldName='numberofcontacts')?@t="
                + ApiClient.enc("{\"@odata.id\":\"accounts(" + account + ")\"}"));
        assertThat(rollup.status()).as(rollup.body()).isEqualTo(200);
        assertThat(rollup.json().path("@odata.context").asText()).endsWith("$metadata#accounts/$entity");
        assertThat(rollup.json().path("numberofcontacts").asInt()).isEqualTo(1);
        assertThat(rollup.json().has("Entity")).isFalse();

        // a complex type: its properties
        Response who = api.get("WhoAmI");
        assertThat(who.json().path("@odata.context").asText()).endsWith(
                "$metadata#Microsoft.Dynamics.CRM.WhoAmIResponse");
        assertThat(who.json().path("UserId").asText()).matches("[0-9a-f-]{36}");
    }

    @Test
    void parameterAliasesTakeDataversesSingleQuotedJson() {
        String account = create("accounts", "{\"name\":\"Alias " + run + "\"}");
        String me = api.get("WhoAmI").json().path("UserId").asText();
        Response access = api.get("systemusers(" + me + ")/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@tid)"
                + "?@tid=" + ApiClient.enc("{'@odata.id':'accounts(" + account + ")'}"));
        assertThat(access.status()).as(access.body()).isEqualTo(200);
        assertThat(access.json().path("AccessRights").asText()).contains("ReadAccess").contains("WriteAccess");
        Response broken = api.get("systemusers(" + me + ")/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@tid)"
                + "?@tid=" + ApiClient.enc("{'@odata.id':"));
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.errorMessage()).contains("@tid");
    }

    @Test
    void parameterAliasesInFilterAndOrderby() {
        for (String first : new String[] {"Bea", "Ana", "Cid"}) {
            create("contacts", "{\"firstname\":\"" + first + "\",\"lastname\":\"Alias " + run + "\"}");
        }
        create("contacts", "{\"firstname\":\"Xavier\",\"lastname\":\"Other " + run + "\"}");
        Response r = api.get("contacts?$select=firstname&$filter=" + ApiClient.enc("contains(@p1,'" + run
                + "') and @p2 eq @p3 and @p5 ne @p6") + "&$orderby=" + ApiClient.enc("@p4 desc") + "&@p1=lastname&@p2="
                + "lastname&@p3=" + ApiClient.enc("'Alias " + run + "'") + "&@p4=firstname&@p5=statecode&@p6=1");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("value").findValuesAsText("firstname")).containsExactly("Cid", "Bea", "Ana");
        Response missing = api.get("contacts?$filter=" + ApiClient.enc("@p1 eq 'x'"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorMessage()).contains("@p1");
    }

    /** One request sent byte for byte as given (java.net.URI refuses raw brackets), and its answer. */
    record Raw(int status, Map<String, String> headers, String body) {
        JsonNode json() {
            try {
                return ApiClient.JSON.readTree(body);
            } catch (java.io.IOException e) {
                throw new AssertionError("Not JSON (" + status + "): " + body, e);
            }
        }
    }

    Raw raw(String target) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            String auth = java.util.Base64.getEncoder().encodeToString((io.rapport.testing.TestUsers.ADMIN + ":"
                    + io.rapport.testing.TestUsers.ADMIN_PASSWORD).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String request = "GET " + target + " HTTP/1.1\r\nHost: localhost:" + port + "\r\nAuthorization: Basic "
                    + auth + "\r\nAccept: text/html,application/json\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String all = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            int end = all.indexOf("\r\n\r\n");
            String[] lines = all.substring(0, end).split("\r\n");
            Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
            }
            String body = all.substring(end + 4);
            if ("chunked".equalsIgnoreCase(headers.get("Transfer-Encoding"))) {
                StringBuilder b = new StringBuilder();
                int at = 0;
                while (true) {
                    int eol = body.indexOf("\r\n", at);
                    int size = Integer.parseInt(body.substring(at, eol).trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    b.append(body, eol + 2, eol + 2 + size);
                    at = eol + 2 + size + 2;
                }
                body = b.toString();
            }
            return new Raw(Integer.parseInt(lines[0].split(" ")[1]), headers, body);
        }
    }

    @Test
    void rawBracketsAndBracesInTheQueryStringAreAccepted() throws Exception {
        String account = create("accounts", "{\"name\":\"Raw " + run + "\"}");
        String root = "/api/data/v9.2/";
        Raw list = raw(root + "accounts?$select=name&$filter=Microsoft.Dynamics.CRM.In(PropertyName='name',"
                + "PropertyValues=@p1)&@p1=['Raw%20" + run + "','none']");
        assertThat(list.status()).as(list.body()).isEqualTo(200);
        assertThat(list.json().path("value").findValuesAsText("accountid")).containsExactly(account);
        String me = api.get("WhoAmI").json().path("UserId").asText();
        Raw access = raw(root + "systemusers(" + me + ")/Microsoft.Dynamics.CRM.RetrievePrincipalAccess(Target=@tid)"
                + "?@tid={'@odata.id':'accounts(" + account + ")'}");
        assertThat(access.status()).as(access.body()).isEqualTo(200);
        assertThat(access.json().path("AccessRights").asText()).contains("ReadAccess");
        Raw others = raw(root + "accounts?$select=name&$filter=name%20eq%20'a|b^c`d\"<>'");
        assertThat(others.status()).as(others.body()).isEqualTo(200);
        assertThat(others.json().path("value")).isEmpty();
    }

    @Test
    void noApiAnswerIsAnHtmlErrorPage() throws Exception {
        // refused by Tomcat before any servlet: a JSON error under /api, never its HTML page
        for (String target : new String[] {"/api/data/v9.2/accounts?$filter=%zz", "/api/data/v9.2/accounts%00x",
                "/api/data/v9.2/accounts/%2e%2e/%5c", "/api/data/v9.2/accounts?$filter=name eq 'a'"}) {
            Raw r = raw(target);
            assertThat(r.status()).as(target + ": " + r.body()).isEqualTo(400);
            assertThat(r.headers().get("Content-Type")).as(target).startsWith("application/json");
            assertThat(r.body()).as(target).doesNotContain("<html").doesNotContain("<!doctype");
            assertThat(r.json().path("error").path("code").asText()).as(target).startsWith("0x");
        }
    }

    @Test
    void activityRegardingNavigationsHaveDataversesNames() throws Exception {
        String account = create("accounts", "{\"name\":\"Regarding " + run + "\"}");
        String contact = create("contacts", "{\"lastname\":\"Regarding " + run + "\"}");
        String task = create("tasks", "{\"subject\":\"Call " + run + "\",\"regardingobjectid_account_task@odata.bind\":"
                + "\"/accounts(" + account + ")\"}");
        String email = create("emails", "{\"subject\":\"Mail " + run + "\",\"regardingobjectid_contact_email@odata.bind\""
                + ":\"contacts(" + contact + ")\"}");
        // the earlier name still binds
        String legacy = create("tasks", "{\"subject\":\"Old " + run + "\",\"regardingobjectid_account@odata.bind\":"
                + "\"/accounts(" + account + ")\"}");

        Response read = api.get("tasks(" + task + ")?$select=subject,_regardingobjectid_value"
                + "&$expand=regardingobjectid_account_task($select=name)", "Prefer",
                "odata.include-annotations=\"*\"");
        assertThat(read.status()).as(read.body()).isEqualTo(200);
        assertThat(read.json().path("_regardingobjectid_value").asText()).isEqualTo(account);
        assertThat(read.json().path("_regardingobjectid_value@Microsoft.Dynamics.CRM.associatednavigationproperty")
                .asText()).isEqualTo("regardingobjectid_account_task");
        assertThat(read.json().path("regardingobjectid_account_task").path("name").asText())
                .isEqualTo("Regarding " + run);

        Response filtered = api.get("tasks?$select=subject&$orderby=subject&$filter=" + ApiClient.enc(
                "regardingobjectid_account_task/name eq 'Regarding " + run + "'"));
        assertThat(filtered.status()).as(filtered.body()).isEqualTo(200);
        assertThat(filtered.json().path("value").findValuesAsText("subject")).containsExactly("Call " + run,
                "Old " + run);
        Response emails = api.get("emails?$select=subject&$filter=" + ApiClient.enc(
                "regardingobjectid_contact_email/contactid eq " + contact));
        assertThat(emails.json().path("value").findValuesAsText("activityid")).containsExactly(email);
        Response old = api.get("tasks(" + legacy + ")?$select=subject&$expand=regardingobjectid_account($select=name)");
        assertThat(old.status()).as(old.body()).isEqualTo(200);
        assertThat(old.json().path("regardingobjectid_account").path("name").asText())
                .isEqualTo("Regarding " + run);

        String csdl = api.get("$metadata").body();
        assertThat(csdl).contains("<NavigationProperty Name=\"regardingobjectid_account_task\"")
                .contains("<NavigationProperty Name=\"regardingobjectid_contact_email\"")
                .contains("<NavigationProperty Name=\"regardingobjectid_opportunity_phonecall\"");
    }

    @Test
    void applyOnARelatedCollectionRunsAndViewsRunTheirFetchXml() {
        String account = create("accounts", "{\"name\":\"Apply " + run + "\"}");
        for (String last : new String[] {"A", "B", "B"}) {
            create("contacts", "{\"lastname\":\"" + last + " " + run + "\",\"parentcustomerid_account@odata.bind\":"
                    + "\"/accounts(" + account + ")\"}");
        }
        create("contacts", "{\"lastname\":\"B " + run + "\"}");
        Response aggregate = api.get("accounts(" + account + ")/contact_customer_accounts?$apply="
                + ApiClient.enc("aggregate($count as n)"));
        assertThat(aggregate.status()).as(aggregate.body()).isEqualTo(200);
        assertThat(aggregate.json().path("value")).hasSize(1);
        assertThat(aggregate.json().path("value").get(0).path("n").asInt()).isEqualTo(3);
        Response grouped = api.get("accounts(" + account + ")/contact_customer_accounts?$apply="
                + ApiClient.enc("groupby((lastname),aggregate($count as n))") + "&$orderby=lastname");
        assertThat(grouped.status()).as(grouped.body()).isEqualTo(200);
        assertThat(grouped.json().path("value").findValuesAsText("lastname")).containsExactly("A " + run,
                "B " + run);
        assertThat(grouped.json().path("value").findValuesAsText("n")).containsExactly("1", "2");
        Response fetchOnNav = api.get("accounts(" + account + ")/contact_customer_accounts?fetchXml="
                + ApiClient.enc("<fetch><entity name='contact'/></fetch>"));
        assertThat(fetchOnNav.status()).isEqualTo(400);

        String fetch = "<fetch><entity name=\"contact\"><attribute name=\"lastname\"/><order attribute=\"lastname\""
                + " descending=\"true\"/><filter><condition attribute=\"lastname\" operator=\"like\" value=\"%" + run
                + "\"/></filter></entity></fetch>";
        String view = create("userqueries", "{\"name\":\"Mine " + run + "\",\"returnedtypecode\":\"contact\","
                + "\"querytype\":0,\"fetchxml\":" + ApiClient.JSON.valueToTree(fetch) + "}");
        Response personal = api.get("contacts?userQuery=" + view);
        assertThat(personal.status()).as(personal.body()).isEqualTo(200);
        assertThat(personal.json().path("value").findValuesAsText("lastname")).containsExactly("B " + run,
                "B " + run, "B " + run, "A " + run);
        String system = create("savedqueries", "{\"name\":\"All " + run + "\",\"returnedtypecode\":\"contact\","
                + "\"querytype\":0,\"fetchxml\":" + ApiClient.JSON.valueToTree(fetch.replace("%" + run, "A " + run))
                + "}");
        Response saved = api.get("contacts?savedQuery=" + system);
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(saved.json().path("value").findValuesAsText("lastname")).containsExactly("A " + run);

        Response missing = api.get("contacts?savedQuery=" + UUID.randomUUID());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorMessage()).contains("savedquery");
        Response otherEntity = api.get("accounts?userQuery=" + view);
        assertThat(otherEntity.status()).isEqualTo(400);
        assertThat(otherEntity.errorMessage()).contains("view of contact");
        Response combined = api.get("contacts?userQuery=" + view + "&$select=lastname");
        assertThat(combined.status()).isEqualTo(400);
    }

    @Test
    void countSegmentsAnswerABareNumber() {
        String account = create("accounts", "{\"name\":\"Count " + run + "\"}");
        create("accounts", "{\"name\":\"Count " + run + " 2\"}");
        for (int i = 0; i < 3; i++) {
            create("contacts", "{\"lastname\":\"Count " + run + "\",\"parentcustomerid_account@odata.bind\":"
                    + "\"/accounts(" + account + ")\"}");
        }
        Response all = api.get("accounts/$count?$filter=" + ApiClient.enc("startswith(name,'Count " + run + "')"));
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.header("Content-Type")).startsWith("text/plain");
        assertThat(all.body()).isEqualTo("2");
        Response related = api.get("accounts(" + account + ")/contact_customer_accounts/$count");
        assertThat(related.status()).as(related.body()).isEqualTo(200);
        assertThat(related.body()).isEqualTo("3");
        assertThat(Integer.parseInt(api.get("accounts/$count").body())).isBetween(2, 5000);
        assertThat(api.get("accounts/$count?$select=name").status()).isEqualTo(400);
        assertThat(api.get("contacts(" + UUID.randomUUID() + ")/contact_customer_accounts/$count").status())
                .isEqualTo(404);
    }

    @Test
    void builtInEntitiesHaveDataversesStandardColumns() {
        String contact = create("contacts", "{\"lastname\":\"Columns " + run + "\",\"annualincome\":52000.50,"
                + "\"address1_addresstypecode\":1,\"address1_name\":\"Home\",\"address1_shippingmethodcode\":4,"
                + "\"address1_telephone1\":\"555-0101\",\"address2_addresstypecode\":1,\"address2_name\":\"Work\","
                + "\"address2_telephone1\":\"555-0102\",\"accountrolecode\":1,\"donotfax\":true}");
        Response c = api.get("contacts(" + contact + ")?$select=annualincome,address1_addresstypecode,address1_name,"
                + "address1_shippingmethodcode,address1_telephone1,address2_name,accountrolecode,donotfax",
                "Prefer", "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"");
        assertThat(c.status()).as(c.body()).isEqualTo(200);
        JsonNode json = c.json();
        assertThat(json.path("annualincome").decimalValue()).isEqualByComparingTo("52000.50");
        assertThat(json.path("address1_addresstypecode@OData.Community.Display.V1.FormattedValue").asText())
                .isEqualTo("Bill To");
        assertThat(json.path("address1_shippingmethodcode@OData.Community.Display.V1.FormattedValue").asText())
                .isEqualTo("UPS");
        assertThat(json.path("accountrolecode@OData.Community.Display.V1.FormattedValue").asText())
                .isEqualTo("Decision Maker");
        assertThat(json.path("address1_telephone1").asText()).isEqualTo("555-0101");
        assertThat(json.path("address2_name").asText()).isEqualTo("Work");
        assertThat(json.path("donotfax").asBoolean()).isTrue();

        Response account = api.post("accounts", "{\"name\":\"Columns " + run + "\",\"accountcategorycode\":2,"
                + "\"address1_addresstypecode\":3,\"address1_name\":\"HQ\",\"address2_shippingmethodcode\":1,"
                + "\"marketcap\":1000000}", "Prefer", "return=representation");
        assertThat(account.status()).as(account.body()).isEqualTo(201);
        assertThat(account.json().path("accountcategorycode").asInt()).isEqualTo(2);
        assertThat(account.json().path("address1_name").asText()).isEqualTo("HQ");
        Response badOption = api.post("accounts", "{\"name\":\"Bad " + run + "\",\"accountcategorycode\":9}");
        assertThat(badOption.status()).isEqualTo(400);

        String lead = create("leads", "{\"subject\":\"Columns " + run + "\",\"lastname\":\"L\",\"budgetstatus\":2,"
                + "\"need\":0,\"address1_telephone1\":\"555\",\"address2_city\":\"Lisbon\"}");
        assertThat(api.get("leads(" + lead + ")?$select=budgetstatus,address2_city").json().path("address2_city")
                .asText()).isEqualTo("Lisbon");
        String opportunity = create("opportunities", "{\"name\":\"Columns " + run + "\",\"timeline\":1,"
                + "\"purchaseprocess\":1,\"decisionmaker\":true}");
        assertThat(api.get("opportunities(" + opportunity + ")?$select=timeline").json().path("timeline").asInt())
                .isEqualTo(1);

        String me = api.get("WhoAmI").json().path("UserId").asText();
        Response user = api.get("systemusers(" + me + ")?$select=accessmode",
                "Prefer", "odata.include-annotations=\"OData.Community.Display.V1.FormattedValue\"");
        assertThat(user.status()).as(user.body()).isEqualTo(200);
        assertThat(user.json().has("accessmode")).isTrue();

        String view = create("savedqueries", "{\"name\":\"Cols " + run + "\",\"returnedtypecode\":\"account\","
                + "\"fetchxml\":\"<fetch><entity name='account'/></fetch>\",\"layoutxml\":\"<grid/>\","
                + "\"columnsetxml\":\"<columnset/>\"}");
        assertThat(api.get("savedqueries(" + view + ")?$select=columnsetxml").json().path("columnsetxml").asText())
                .isEqualTo("<columnset/>");
        String personal = create("userqueries", "{\"name\":\"Cols " + run + "\",\"returnedtypecode\":\"account\","
                + "\"fetchxml\":\"<fetch><entity name='account'/></fetch>\"}");
        assertThat(api.get("userqueries(" + personal + ")?$select=fetchxml").json().path("fetchxml").asText())
                .contains("entity name='account'");
    }

    @Test
    void lambdaOperatorsNestTwoLevels() {
        String withTask = create("accounts", "{\"name\":\"Lambda " + run + " A\"}");
        String withoutTask = create("accounts", "{\"name\":\"Lambda " + run + " B\"}");
        String contact = create("contacts", "{\"lastname\":\"Lambda " + run + "\",\"parentcustomerid_account@odata.bind\":"
                + "\"/accounts(" + withTask + ")\"}");
        create("contacts", "{\"lastname\":\"Lambda " + run + "\",\"parentcustomerid_account@odata.bind\":"
                + "\"/accounts(" + withoutTask + ")\"}");
        create("tasks", "{\"subject\":\"Follow up " + run + "\",\"regardingobjectid_contact_task@odata.bind\":"
                + "\"/contacts(" + contact + ")\"}");
        Response any = api.get("accounts?$select=name&$filter=" + ApiClient.enc("startswith(name,'Lambda " + run
                + "') and contact_customer_accounts/any(c: c/Contact_Tasks/any(t: t/subject eq 'Follow up " + run
                + "'))"));
        assertThat(any.status()).as(any.body()).isEqualTo(200);
        assertThat(any.json().path("value").findValuesAsText("accountid")).containsExactly(withTask);
        Response all = api.get("accounts?$select=name&$filter=" + ApiClient.enc("startswith(name,'Lambda " + run
                + "') and contact_customer_accounts/all(c: c/Contact_Tasks/all(t: t/statecode eq 0))"
                + " and contact_customer_accounts/any(c: c/Contact_Tasks/any())"));
        assertThat(all.status()).as(all.body()).isEqualTo(200);
        assertThat(all.json().path("value").findValuesAsText("accountid")).containsExactly(withTask);
    }

    @org.springframework.beans.factory.annotation.Autowired
    io.rapport.pipeline.OrganizationService org;

    @Test
    void nestedTopOnExpandedCollectionsIsCutPerParentInSql() {
        String a = create("accounts", "{\"name\":\"Expand " + run + " A\"}");
        String b = create("accounts", "{\"name\":\"Expand " + run + " B\"}");
        for (String last : new String[] {"d", "a", "c", "b"}) {
            create("contacts", "{\"lastname\":\"" + last + " " + run + "\",\"parentcustomerid_account@odata.bind\":"
                    + "\"/accounts(" + a + ")\"}");
        }
        for (String last : new String[] {"z", "y"}) {
            create("contacts", "{\"lastname\":\"" + last + " " + run + "\",\"parentcustomerid_account@odata.bind\":"
                    + "\"/accounts(" + b + ")\"}");
        }
        Response r = api.get("accounts?$select=name&$orderby=name&$filter=" + ApiClient.enc("startswith(name,'Expand "
                + run + "')") + "&$expand=" + ApiClient.enc("contact_customer_accounts($select=lastname;"
                + "$orderby=lastname desc;$top=2)"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode value = r.json().path("value");
        assertThat(value.get(0).path("contact_customer_accounts").findValuesAsText("lastname"))
                .containsExactly("d " + run, "c " + run);
        assertThat(value.get(1).path("contact_customer_accounts").findValuesAsText("lastname"))
                .containsExactly("z " + run, "y " + run);

        // many-to-many: each user's first role by name, from the intersect in the same window
        String me = api.get("WhoAmI").json().path("UserId").asText();
        java.util.List<String> roles = api.get("systemusers(" + me + ")/systemuserroles_association?$select=name"
                + "&$orderby=name").json().path("value").findValuesAsText("name");
        assertThat(roles).isNotEmpty();
        Response users = api.get("systemusers?$select=fullname&$filter=" + ApiClient.enc("systemuserid eq " + me)
                + "&$expand=" + ApiClient.enc("systemuserroles_association($select=name;$orderby=name;$top=1)"));
        assertThat(users.status()).as(users.body()).isEqualTo(200);
        assertThat(users.json().path("value").get(0).path("systemuserroles_association").findValuesAsText("name"))
                .containsExactly(roles.get(0));

        // the query itself returns each parent's first two, grouped by parent: nothing is cut in memory
        io.rapport.record.EntityCollection rows = org.retrieveMultiple(io.rapport.query.QueryExpression
                .from("contact").select("lastname", "parentcustomerid")
                .where(new io.rapport.query.Condition(null, "parentcustomerid", io.rapport.query.ConditionOperator.IN,
                        java.util.List.of(UUID.fromString(a), UUID.fromString(b))))
                .orderBy(io.rapport.query.Order.asc("lastname"))
                .topPerValue(new io.rapport.query.QueryExpression.TopPerValue(null, "parentcustomerid", 2)).build());
        java.util.List<String> names = rows.entities().stream().map(e -> e.getString("lastname")).toList();
        assertThat(names).hasSize(4).containsExactlyInAnyOrder("a " + run, "b " + run, "y " + run, "z " + run);
    }

    @Test
    void searchAndUnknownFormatsAreRefusedNotIgnored() {
        Response search = api.get("accounts?$search=contoso");
        assertThat(search.status()).isEqualTo(400);
        assertThat(search.errorMessage()).contains("$search");
        assertThat(api.get("accounts?$select=name&$format=json").status()).isEqualTo(200);
        Response xml = api.get("accounts?$select=name&$format=xml");
        assertThat(xml.status()).isEqualTo(400);
        assertThat(xml.errorMessage()).contains("$format");
    }
}
