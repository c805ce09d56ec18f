package io.rapport.webapi;

import static io.rapport.webapi.MetadataWritesWebApiTest.column;
import static io.rapport.webapi.MetadataWritesWebApiTest.label;
import static io.rapport.webapi.MetadataWritesWebApiTest.table;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.pipeline.OrganizationService;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import io.rapport.webapi.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * DELETE of definitions and alternate keys over the Web API (issue 22), by a System Customizer: custom tables,
 * columns, relationships, global choices and keys go (with their table, column or unique index); built-in ones and
 * ones something else depends on are refused with 400 and the reason; a salesperson gets 403. Records are addressed
 * by a new alternate key (GET, PATCH upsert), and {@code MSCRM.MergeLabels: false} replaces a label as a whole.
 */
abstract class MetadataDeletesWebApiTest {

    @OnH2
    static class H2 extends MetadataDeletesWebApiTest {
    }

    @OnPostgres
    static class Postgres extends MetadataDeletesWebApiTest {
    }

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    Principals people;
    String run;
    ApiClient customizer;
    ApiClient seller;
    /** Records of the new tables are written by the administrator (a customizer works with its own core records). */
    ApiClient admin;

    @BeforeEach
    void setUp() {
        people = new Principals(org);
        run = UUID.randomUUID().toString().substring(0, 8).replaceAll("[^a-z0-9]", "x");
        UUID unit = people.businessUnit("Deletes " + run, people.rootUnit());
        customizer = ApiClient.signedIn(port, people, people.user("delcust" + run, unit, "System Customizer"));
        seller = ApiClient.signedIn(port, people, people.user("delseller" + run, unit, "Salesperson"));
        admin = new ApiClient(port);
    }

    private static void status(Response r, int expected) {
        assertThat(r.status()).as(r.body()).isEqualTo(expected);
    }

    private String newTable(String schema) {
        status(customizer.post("EntityDefinitions", table(schema, "new_Name")), 204);
        return customizer.get("EntityDefinitions(LogicalName='" + schema.toLowerCase() + "')?$select=EntitySetName")
                .json().path("EntitySetName").asText();
    }

    @Test
    void anAlternateKeyAddressesRecordsAndGoesWithItsUniqueIndex() {
        String entity = "new_keyed" + run;
        String set = newTable("new_Keyed" + run);
        String definition = "EntityDefinitions(LogicalName='" + entity + "')";
        status(customizer.post(definition + "/Attributes", column("String", "new_Code", "\"MaxLength\":20")), 204);
        Response key = customizer.post(definition + "/Keys", "{\"@odata.type\":\"Microsoft.Dynamics.CRM."
                + "EntityKeyMetadata\",\"SchemaName\":\"new_codekey\",\"DisplayName\":" + label("Code")
                + ",\"KeyAttributes\":[\"new_code\"]}");
        status(key, 204);
        assertThat(key.header("OData-EntityId")).endsWith("/Keys(" + io.rapport.metadata.MetadataNames.metadataId(
                "key", entity, "new_codekey") + ")");
        JsonNode keys = customizer.get(definition + "/Keys").json().path("value");
        assertThat(keys).singleElement().satisfies(k -> assertThat(k.path("KeyAttributes").get(0).asText())
                .isEqualTo("new_code"));
        assertThat(customizer.get(definition + "/Keys(LogicalName='new_codekey')").json().path("LogicalName")
                .asText()).isEqualTo("new_codekey");
        Response badKey = customizer.post(definition + "/Keys", "{\"SchemaName\":\"new_bad\",\"DisplayName\":"
                + label("Bad") + ",\"KeyAttributes\":[\"new_nothing\"]}");
        status(badKey, 400);
        assertThat(badKey.errorMessage()).contains("has no attribute \"new_nothing\"");

        status(admin.post(set, "{\"new_name\":\"First\",\"new_code\":\"A1\"}"), 204);
        Response twice = admin.post(set, "{\"new_name\":\"Second\",\"new_code\":\"A1\"}");
        status(twice, 412);
        assertThat(admin.get(set + "(new_code='A1')?$select=new_name").json().path("new_name").asText())
                .isEqualTo("First");
        status(admin.patch(set + "(new_code='B2')", "{\"new_name\":\"Upserted\"}"), 204);
        status(admin.patch(set + "(new_code='B2')", "{\"new_name\":\"Upserted again\"}"), 204);
        assertThat(admin.get(set + "(new_code='B2')?$select=new_name").json().path("new_name").asText())
                .isEqualTo("Upserted again");

        Response keyed = customizer.delete(definition + "/Attributes(LogicalName='new_code')");
        status(keyed, 400);
        assertThat(keyed.errorMessage()).isEqualTo("The attribute new_code cannot be deleted while the key "
                + "new_codekey uses it; delete the key first.");
        status(seller.delete(definition + "/Keys(LogicalName='new_codekey')"), 403);
        status(customizer.delete(definition + "/Keys(LogicalName='new_codekey')"), 204);
        status(customizer.get(definition + "/Keys(LogicalName='new_codekey')"), 404);
        status(admin.post(set, "{\"new_name\":\"Third\",\"new_code\":\"A1\"}"), 204); // the index is gone
        status(admin.get(set + "(new_code='A1')"), 400);

        status(customizer.delete(definition + "/Attributes(LogicalName='new_code')"), 204);
        status(customizer.get(definition + "/Attributes(LogicalName='new_code')"), 404);
        status(admin.get(set + "?$select=new_code"), 400);
        assertThat(admin.get(set + "?$select=new_name&$orderby=new_name").json().path("value")
                .findValuesAsText("new_name")).containsExactly("First", "Third", "Upserted again");
    }

    @Test
    void customTablesRelationshipsAndChoicesAreDeletedAfterWhatDependsOnThem() {
        String target = "new_target" + run;
        String targetSet = newTable("new_Target" + run);
        String referencing = "new_referrer" + run;
        newTable("new_Referrer" + run);
        String oneToMany = "new_target_referrer" + run;
        status(customizer.post("RelationshipDefinitions", "{\"@odata.type\":\"Microsoft.Dynamics.CRM."
                + "OneToManyRelationshipMetadata\",\"SchemaName\":\"" + oneToMany + "\",\"ReferencedEntity\":\""
                + target + "\",\"ReferencingEntity\":\"" + referencing + "\",\"Lookup\":{\"SchemaName\":"
                + "\"new_TargetId\",\"DisplayName\":" + label("Target") + ",\"RequiredLevel\":{\"Value\":\"None\"}}}"),
                204);
        String manyToMany = "new_target_account" + run;
        status(customizer.post("RelationshipDefinitions", "{\"@odata.type\":\"Microsoft.Dynamics.CRM."
                + "ManyToManyRelationshipMetadata\",\"SchemaName\":\"" + manyToMany + "\",\"Entity1LogicalName\":\""
                + target + "\",\"Entity2LogicalName\":\"account\"}"), 204);
        String choice = "new_level" + run;
        status(customizer.post("GlobalOptionSetDefinitions", "{\"Name\":\"" + choice + "\",\"DisplayName\":"
                + label("Level") + ",\"IsGlobal\":true,\"OptionSetType\":\"Picklist\",\"Options\":[{\"Value\":null,"
                + "\"Label\":" + label("High") + "}]}"), 204);
        status(customizer.post("EntityDefinitions(LogicalName='" + target + "')/Attributes", column("Picklist",
                "new_Level", "\"GlobalOptionSet@odata.bind\":\"/GlobalOptionSetDefinitions(Name='" + choice
                        + "')\"")), 204);
        status(admin.post(targetSet, "{\"new_name\":\"Row\"}"), 204);

        Response blocked = customizer.delete("EntityDefinitions(LogicalName='" + target + "')");
        status(blocked, 400);
        assertThat(blocked.errorMessage()).isEqualTo("The entity " + target + " cannot be deleted while the lookup "
                + referencing + ".new_targetid, the relationship " + manyToMany + " depend on it; delete them first.");
        Response used = customizer.delete("GlobalOptionSetDefinitions(Name='" + choice + "')");
        status(used, 400);
        assertThat(used.errorMessage()).isEqualTo("The option set " + choice + " cannot be deleted while the "
                + "attribute " + target + ".new_level uses it; delete it first.");
        status(seller.delete("RelationshipDefinitions(SchemaName='" + oneToMany + "')"), 403);

        status(customizer.delete("RelationshipDefinitions(SchemaName='" + oneToMany + "')"), 204);
        status(customizer.get("RelationshipDefinitions(SchemaName='" + oneToMany + "')"), 404);
        status(customizer.get("EntityDefinitions(LogicalName='" + referencing + "')/Attributes(LogicalName="
                + "'new_targetid')"), 404);
        status(customizer.delete("RelationshipDefinitions(" + io.rapport.metadata.MetadataNames.metadataId(
                "relationship", manyToMany) + ")"), 204);
        status(customizer.delete("EntityDefinitions(LogicalName='" + target + "')/Attributes(LogicalName="
                + "'new_level')"), 204);
        status(customizer.delete("GlobalOptionSetDefinitions(Name='" + choice + "')"), 204);
        status(customizer.get("GlobalOptionSetDefinitions(Name='" + choice + "')"), 404);

        status(seller.delete("EntityDefinitions(LogicalName='" + target + "')"), 403);
        status(customizer.delete("EntityDefinitions(LogicalName='" + target + "')"), 204);
        status(customizer.get("EntityDefinitions(LogicalName='" + target + "')"), 404);
        status(admin.get(targetSet), 404);
        JsonNode privileges = customizer.get("privileges?$select=name&$filter=" + ApiClient.enc(
                "endswith(name,'new_Target" + run + "')")).json().path("value");
        assertThat(privileges).isEmpty();
        // the name is free again
        newTable("new_Target" + run);
    }

    @Test
    void builtInDefinitionsAreNotDeleted() {
        Response entity = customizer.delete("EntityDefinitions(LogicalName='account')");
        status(entity, 400);
        assertThat(entity.errorMessage()).isEqualTo("The entity account is a system entity and cannot be deleted; "
                + "only custom entities can.");
        assertThat(entity.errorCode()).isEqualTo("0x80047020");
        Response attribute = customizer.delete("EntityDefinitions(LogicalName='account')/Attributes(LogicalName="
                + "'telephone1')");
        status(attribute, 400);
        assertThat(attribute.errorMessage()).isEqualTo("The attribute telephone1 of account is a system attribute "
                + "and cannot be deleted; only custom attributes can.");
        status(customizer.delete("RelationshipDefinitions(SchemaName='contact_customer_accounts')"), 400);
        status(customizer.delete("GlobalOptionSetDefinitions(Name='industrycode')"), 400);
        status(customizer.delete("EntityDefinitions(LogicalName='solution')/Keys(LogicalName="
                + "'solution_uniquename_key')"), 400);
        status(customizer.delete("EntityDefinitions(LogicalName='new_nothing" + run + "')"), 404);
        status(customizer.delete("EntityDefinitions(LogicalName='account')/Attributes(LogicalName='new_x')"), 404);
        status(customizer.delete("EntityDefinitions"), 405);
        assertThat(customizer.get("EntityDefinitions(LogicalName='account')?$select=LogicalName").status())
                .isEqualTo(200);
    }

    @Test
    void mergeLabelsFalseReplacesALabelAndTrueMergesIt() {
        String entity = "new_labelled" + run;
        newTable("new_Labelled" + run);
        String definition = "EntityDefinitions(LogicalName='" + entity + "')";
        String spanish = "{\"DisplayName\":{\"LocalizedLabels\":[{\"Label\":\"Cuenta\",\"LanguageCode\":3082}]}}";
        status(customizer.put(definition, spanish, "MSCRM.MergeLabels", "true"), 204);
        assertThat(languages(definition)).containsExactlyInAnyOrder("1033:Bank Account", "3082:Cuenta");
        status(customizer.put(definition, spanish.replace("Cuenta", "Cuenta bancaria"), "MSCRM.MergeLabels",
                "false"), 204);
        assertThat(languages(definition)).containsExactly("3082:Cuenta bancaria");
        status(customizer.put(definition, "{\"DisplayName\":{\"LocalizedLabels\":[{\"Label\":\"Bank\","
                + "\"LanguageCode\":1033}]}}", "MSCRM.MergeLabels", "true"), 204);
        assertThat(languages(definition)).containsExactlyInAnyOrder("1033:Bank", "3082:Cuenta bancaria");
        status(customizer.put(definition + "/Attributes(LogicalName='new_name')", "{\"DisplayName\":{"
                + "\"LocalizedLabels\":[{\"Label\":\"Nome\",\"LanguageCode\":1046}]}}", "MSCRM.MergeLabels",
                "false"), 204);
        List<String> attribute = new ArrayList<>();
        customizer.get(definition + "/Attributes(LogicalName='new_name')").json().path("DisplayName")
                .path("LocalizedLabels").forEach(l -> attribute.add(l.path("LanguageCode").asInt() + ":"
                        + l.path("Label").asText()));
        assertThat(attribute).containsExactly("1046:Nome");
        Response bad = customizer.put(definition, spanish, "MSCRM.MergeLabels", "maybe");
        status(bad, 400);
        status(seller.put(definition, spanish, "MSCRM.MergeLabels", "false"), 403);
    }

    private List<String> languages(String definition) {
        List<String> result = new ArrayList<>();
        customizer.get(definition + "?$select=DisplayName").json().path("DisplayName").path("LocalizedLabels")
                .forEach(l -> result.add(l.path("LanguageCode").asInt() + ":" + l.path("Label").asText()));
        return result;
    }
}
