package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.CustomizationService;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.Label;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.webapi.ApiClient.Response;
import java.io.StringReader;
import java.util.List;
import java.util.Random;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/** $metadata, EntityDefinitions and GlobalOptionSetDefinitions; custom entities route without a restart. */
abstract class WebApiMetadataTest {

    @OnH2
    static class H2 extends WebApiMetadataTest {
    }

    @OnPostgres
    static class Postgres extends WebApiMetadataTest {
    }

    @LocalServerPort
    int port;

    @Autowired
    CustomizationService customization;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private static String count(XPath x, Document d, String path) throws Exception {
        return x.evaluate("count(" + path + ")", d);
    }

    @Test
    void csdlDescribesEntityTypesNavigationAndOperations() throws Exception {
        Response r = api.get("$metadata");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).startsWith("application/xml");
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new InputSource(new StringReader(r.body())));
        XPath x = XPathFactory.newInstance().newXPath();
        String account = "//*[local-name()='EntityType'][@Name='account']";
        assertThat(x.evaluate(account + "/*[local-name()='Key']/*[local-name()='PropertyRef']/@Name", d))
                .isEqualTo("accountid");
        assertThat(x.evaluate(account + "/*[local-name()='Property'][@Name='name']/@Type", d)).isEqualTo("Edm.String");
        assertThat(x.evaluate(account + "/*[local-name()='Property'][@Name='revenue']/@Type", d))
                .isEqualTo("Edm.Decimal");
        assertThat(x.evaluate(account + "/*[local-name()='Property'][@Name='_parentaccountid_value']/@Type", d))
                .isEqualTo("Edm.Guid");
        assertThat(x.evaluate(account + "/*[local-name()='NavigationProperty'][@Name='contact_customer_accounts']"
                + "/@Type", d)).isEqualTo("Collection(mscrm.contact)");
        assertThat(x.evaluate("//*[local-name()='EntityType'][@Name='contact']/*[local-name()='NavigationProperty']"
                + "[@Name='parentcustomerid_account']/@Partner", d)).isEqualTo("contact_customer_accounts");
        assertThat(count(x, d, account + "//*[@Term='OData.Community.Keys.V1.AlternateKeys']")).isEqualTo("1");
        assertThat(x.evaluate("//*[local-name()='EntitySet'][@Name='accounts']/@EntityType", d))
                .isEqualTo("Microsoft.Dynamics.CRM.account");
        assertThat(count(x, d, "//*[local-name()='FunctionImport'][@Name='WhoAmI']")).isEqualTo("1");
        assertThat(count(x, d, "//*[local-name()='ComplexType'][@Name='WhoAmIResponse']/*[local-name()='Property']"))
                .isEqualTo("3");
        assertThat(x.evaluate("//*[local-name()='Function'][@Name='rapport_Describe']/@IsBound", d)).isEqualTo("true");
        assertThat(count(x, d, "//*[local-name()='ActionImport'][@Name='rapport_Echo']")).isEqualTo("1");
        for (String type : List.of("account", "contact", "team", "systemuser")) {
            String names = "//*[local-name()='EntityType'][@Name='" + type + "']/*[local-name()='NavigationProperty']";
            assertThat(x.evaluate("count(" + names + ") = count(" + names + "[not(@Name = preceding-sibling::*/@Name)])",
                    d)).as("navigation property names of " + type + " are unique").isEqualTo("true");
        }
    }

    @Test
    void entityDefinitionsWithSelectExpandAndKeys() {
        JsonNode account = api.get("EntityDefinitions(LogicalName='account')?$select=LogicalName,EntitySetName"
                + "&$expand=Attributes,ManyToOneRelationships,OneToManyRelationships,ManyToManyRelationships").json();
        assertThat(account.path("LogicalName").asText()).isEqualTo("account");
        assertThat(account.path("EntitySetName").asText()).isEqualTo("accounts");
        assertThat(account.has("PrimaryIdAttribute")).isFalse();
        assertThat(account.path("Attributes").toString()).contains("\"LogicalName\":\"revenue\"")
                .contains("#Microsoft.Dynamics.CRM.MoneyAttributeMetadata");
        assertThat(account.path("OneToManyRelationships").toString())
                .contains("\"SchemaName\":\"contact_customer_accounts\"");
        assertThat(account.path("ManyToOneRelationships").toString()).contains("\"SchemaName\":\"account_parent_account\"");

        JsonNode name = api.get("EntityDefinitions(LogicalName='account')/Attributes(LogicalName='name')").json();
        assertThat(name.path("AttributeType").asText()).isEqualTo("String");
        assertThat(name.path("MaxLength").asInt()).isEqualTo(160);
        assertThat(name.path("DisplayName").path("UserLocalizedLabel").path("Label").asText()).isEqualTo("Account Name");

        JsonNode picklist = api.get("EntityDefinitions(LogicalName='account')/Attributes(LogicalName='industrycode')/"
                + "Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=GlobalOptionSet").json();
        assertThat(picklist.path("GlobalOptionSet").path("Options").toString()).contains("Technology");

        JsonNode byFilter = api.get("EntityDefinitions?$select=LogicalName&$filter=" + ApiClient.enc(
                "LogicalName eq 'contact'")).json();
        assertThat(byFilter.path("value")).hasSize(1);
        JsonNode keys = api.get("EntityDefinitions(LogicalName='account')/Keys").json();
        assertThat(keys.path("value").get(0).path("KeyAttributes").get(0).asText()).isEqualTo("accountnumber");

        JsonNode set = api.get("GlobalOptionSetDefinitions(Name='industrycode')").json();
        assertThat(set.path("Name").asText()).isEqualTo("industrycode");
        assertThat(set.path("Options").size()).isGreaterThan(5);
        assertThat(api.get("EntityDefinitions(LogicalName='nosuch')").status()).isEqualTo(404);
        assertThat(api.get("GlobalOptionSetDefinitions(Name='nosuch')").status()).isEqualTo(404);
    }

    @Test
    void customEntitiesRouteWithoutARestart() {
        Random random = new Random();
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append((char) ('a' + random.nextInt(26)));
        }
        // ends in a consonant that takes a plain "s": the set name of "new_wxy" would be "new_wxies"
        String name = "new_w" + suffix + "k";
        assertThat(api.get(name + "s").status()).isEqualTo(404);
        customization.addEntity(new EntityMetadata(name, null, null, null, Label.of("Widget"), null, null, null,
                null, null, null, null, null, null, null, null, List.of(AttributeMetadata.of("new_size",
                        AttributeType.INTEGER, Label.of("Size"))), null, null));
        Response created = api.post(name + "s", "{\"new_name\":\"W1\",\"new_size\":3}");
        assertThat(created.status()).as(created.body()).isEqualTo(204);
        JsonNode list = api.get(name + "s?$select=new_name,new_size&$filter=new_size%20eq%203").json();
        assertThat(list.path("value").get(0).path("new_name").asText()).isEqualTo("W1");
        assertThat(api.get("$metadata").body()).contains("<EntityType Name=\"" + name + "\"");
    }
}
