package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rapport.pipeline.OrganizationService;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import io.rapport.webapi.ApiClient.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Metadata writes over real HTTP as Dataverse's Web API takes them (issue 22), by a System Customizer (the built-in
 * role only): a table with its primary name column, columns of every common type, a one-to-many relationship
 * creating a lookup and a many-to-many one, label updates with MSCRM.MergeLabels, a global choice bound to a column,
 * the option value actions and PublishXml / PublishAllXml. A Salesperson gets 403 with Dataverse's error body and
 * nothing changes; bad input answers 400 naming every problem, and nothing changes.
 */
abstract class MetadataWritesWebApiTest {

    @OnH2
    static class H2 extends MetadataWritesWebApiTest {
    }

    @OnPostgres
    static class Postgres extends MetadataWritesWebApiTest {
    }

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    Principals people;
    String run;
    ApiClient admin;

    @BeforeEach
    void setUp() {
        people = new Principals(org);
        run = UUID.randomUUID().toString().substring(0, 8);
        admin = new ApiClient(port);
    }

    private ApiClient as(String role) {
        UUID unit = people.businessUnit("Metadata " + role + " " + run, people.rootUnit());
        return ApiClient.signedIn(port, people, people.user("meta" + run, unit, role));
    }

    static String label(String english) {
        return "{\"@odata.type\":\"Microsoft.Dynamics.CRM.Label\",\"LocalizedLabels\":[{\"@odata.type\":"
                + "\"Microsoft.Dynamics.CRM.LocalizedLabel\",\"Label\":\"" + english + "\",\"LanguageCode\":1033}]}";
    }

    static String table(String schemaName, String primarySchemaName) {
        return "{\"@odata.type\":\"Microsoft.Dynamics.CRM.EntityMetadata\",\"SchemaName\":\"" + schemaName + "\","
                + "\"DisplayName\":" + label("Bank Account") + ",\"DisplayCollectionName\":" + label("Bank Accounts")
                + ",\"Description\":" + label("Bank accounts of customers") + ",\"OwnershipType\":\"UserOwned\","
                + "\"HasActivities\":false,\"HasNotes\":false,\"IsActivity\":false,\"Attributes\":[{"
                + "\"@odata.type\":\"Microsoft.Dynamics.CRM.StringAttributeMetadata\",\"AttributeType\":\"String\","
                + "\"AttributeTypeName\":{\"Value\":\"StringType\"},\"SchemaName\":\"" + primarySchemaName + "\","
                + "\"IsPrimaryName\":true,\"RequiredLevel\":{\"Value\":\"None\",\"CanBeChanged\":true},"
                + "\"MaxLength\":100,\"FormatName\":{\"Value\":\"Text\"},\"DisplayName\":" + label("Account Name")
                + "}]}";
    }

    static String column(String type, String schemaName, String extra) {
        return "{\"@odata.type\":\"Microsoft.Dynamics.CRM." + type + "AttributeMetadata\",\"SchemaName\":\""
                + schemaName + "\",\"DisplayName\":" + label(schemaName) + ",\"RequiredLevel\":{\"Value\":\"None\"}"
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static void noContent(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(204);
    }

    @Test
    void aSystemCustomizerBuildsATableItsColumnsRelationshipsAndChoices() {
        ApiClient customizer = as("System Customizer");
        String entity = "new_bank" + run;
        Response created = customizer.post("EntityDefinitions", table("new_Bank" + run, "new_AccountName"));
        noContent(created);
        String id = io.rapport.metadata.MetadataNames.metadataId("entity", entity).toString();
        assertThat(created.header("OData-EntityId")).isEqualTo(admin.root() + "EntityDefinitions(" + id + ")");
        JsonNode definition = customizer.get("EntityDefinitions(" + id + ")").json();
        assertThat(definition.path("LogicalName").asText()).isEqualTo(entity);
        assertThat(definition.path("SchemaName").asText()).isEqualTo("new_Bank" + run);
        assertThat(definition.path("PrimaryNameAttribute").asText()).isEqualTo("new_accountname");
        assertThat(definition.path("OwnershipType").asText()).isEqualTo("UserOwned");
        assertThat(definition.path("IsCustomEntity").asBoolean()).isTrue();
        String set = definition.path("EntitySetName").asText();

        String attributes = "EntityDefinitions(LogicalName='" + entity + "')/Attributes";
        noContent(customizer.post(attributes, column("String", "new_BankName", "\"MaxLength\":50,"
                + "\"FormatName\":{\"Value\":\"Text\"}")));
        noContent(customizer.post(attributes, column("Integer", "new_Branches", "\"MinValue\":0,\"MaxValue\":"
                + "1000,\"Format\":\"None\"")));
        noContent(customizer.post(attributes, column("Decimal", "new_Rate", "\"Precision\":2,\"MinValue\":0,"
                + "\"MaxValue\":100")));
        noContent(customizer.post(attributes, column("Money", "new_Balance", "\"Precision\":2,"
                + "\"PrecisionSource\":2")));
        noContent(customizer.post(attributes, column("DateTime", "new_Checked", "\"Format\":\"DateOnly\","
                + "\"DateTimeBehavior\":{\"Value\":\"DateOnly\"}")));
        noContent(customizer.post(attributes, column("Boolean", "new_Primary", "\"OptionSet\":{\"TrueOption\":"
                + "{\"Value\":1,\"Label\":" + label("Primary") + "},\"FalseOption\":{\"Value\":0,\"Label\":"
                + label("Secondary") + "},\"OptionSetType\":\"Boolean\"}")));
        Response picklist = customizer.post(attributes, column("Picklist", "new_Kind", "\"OptionSet\":{"
                + "\"@odata.type\":\"Microsoft.Dynamics.CRM.OptionSetMetadata\",\"IsGlobal\":false,"
                + "\"OptionSetType\":\"Picklist\",\"Options\":[{\"Value\":100000000,\"Label\":" + label("Checking")
                + "},{\"Value\":100000001,\"Label\":" + label("Savings") + "}]}"));
        noContent(picklist);
        assertThat(picklist.header("OData-EntityId")).endsWith("/Attributes(" + io.rapport.metadata.MetadataNames
                .metadataId("attribute", entity, "new_kind") + ")");
        JsonNode types = customizer.get(attributes.replace("/Attributes", "") + "?$expand=Attributes").json()
                .path("Attributes");
        List<String> seen = new ArrayList<>();
        types.forEach(a -> {
            if (a.path("LogicalName").asText().startsWith("new_")) {
                seen.add(a.path("LogicalName").asText() + ":" + a.path("AttributeType").asText());
            }
        });
        assertThat(seen).containsExactlyInAnyOrder(entity + "id:Uniqueidentifier", "new_accountname:String", "new_bankname:String",
                "new_branches:Integer", "new_rate:Decimal", "new_balance:Money", "new_checked:DateTime",
                "new_primary:Boolean", "new_kind:Picklist");
        assertThat(customizer.get(attributes + "(LogicalName='new_checked')").json().path("Format").asText())
                .isEqualTo("DateOnly");

        // a one-to-many relationship creating the lookup, and a many-to-many one
        String oneToMany = "new_contact_bank" + run;
        Response relationship = customizer.post("RelationshipDefinitions", "{\"@odata.type\":"
                + "\"Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata\",\"SchemaName\":\"" + oneToMany + "\","
                + "\"ReferencedEntity\":\"contact\",\"ReferencedAttribute\":\"contactid\",\"ReferencingEntity\":\""
                + entity + "\",\"CascadeConfiguration\":{\"Assign\":\"NoCascade\",\"Delete\":\"RemoveLink\","
                + "\"Merge\":\"NoCascade\",\"Reparent\":\"NoCascade\",\"Share\":\"NoCascade\",\"Unshare\":"
                + "\"NoCascade\"},\"Lookup\":{\"@odata.type\":\"Microsoft.Dynamics.CRM.LookupAttributeMetadata\","
                + "\"AttributeType\":\"Lookup\",\"SchemaName\":\"new_ContactId\",\"DisplayName\":" + label("Owner")
                + ",\"RequiredLevel\":{\"Value\":\"None\"}}}");
        noContent(relationship);
        assertThat(relationship.header("OData-EntityId")).isEqualTo(admin.root() + "RelationshipDefinitions("
                + io.rapport.metadata.MetadataNames.metadataId("relationship", oneToMany) + ")");
        JsonNode rel = customizer.get("RelationshipDefinitions(SchemaName='" + oneToMany + "')").json();
        assertThat(rel.path("ReferencingAttribute").asText()).isEqualTo("new_contactid");
        assertThat(rel.path("ReferencingEntityNavigationPropertyName").asText()).isEqualTo("new_ContactId");
        assertThat(rel.path("ReferencedEntity").asText()).isEqualTo("contact");
        String manyToMany = "new_bank_account" + run;
        noContent(customizer.post("RelationshipDefinitions", "{\"@odata.type\":"
                + "\"Microsoft.Dynamics.CRM.ManyToManyRelationshipMetadata\",\"SchemaName\":\"" + manyToMany + "\","
                + "\"Entity1LogicalName\":\"" + entity + "\",\"Entity2LogicalName\":\"account\"}"));
        assertThat(customizer.get("RelationshipDefinitions(SchemaName='" + manyToMany + "')").json()
                .path("IntersectEntityName").asText()).isEqualTo(manyToMany);
        // a type cast keeps the relationships of that kind
        String cast = "/Microsoft.Dynamics.CRM.ManyToManyRelationshipMetadata";
        assertThat(customizer.get("RelationshipDefinitions(SchemaName='" + manyToMany + "')" + cast).json()
                .path("SchemaName").asText()).isEqualTo(manyToMany);
        assertThat(customizer.get("RelationshipDefinitions(SchemaName='" + oneToMany + "')" + cast).status())
                .isEqualTo(404);
        assertThat(customizer.get("RelationshipDefinitions" + cast).json().path("value")
                .findValuesAsText("RelationshipType")).isNotEmpty().containsOnly("ManyToManyRelationship");

        // the new table takes records with every new column at once
        String contact = admin.create("contacts", "{\"lastname\":\"Holder " + run + "\"}");
        String record = admin.create(set, "{\"new_accountname\":\"Main " + run + "\",\"new_bankname\":\"Bank\","
                + "\"new_branches\":12,\"new_rate\":2.5,\"new_balance\":1000.25,\"new_checked\":\"2026-11-30\","
                + "\"new_primary\":true,\"new_kind\":100000001,\"new_ContactId@odata.bind\":\"contacts(" + contact
                + ")\"}");
        JsonNode row = admin.get(set + "(" + record + ")").json();
        assertThat(row.path("new_branches").asInt()).isEqualTo(12);
        assertThat(row.path("new_balance").decimalValue()).isEqualByComparingTo("1000.25");
        assertThat(row.path("new_checked").asText()).isEqualTo("2026-11-30");
        assertThat(row.path("new_primary").asBoolean()).isTrue();
        assertThat(row.path("new_kind").asInt()).isEqualTo(100000001);
        assertThat(row.path("_new_contactid_value").asText()).isEqualTo(contact);

        // UpdateRelationship: PUT of the definition as read, with a new cascade, by MetadataId and by SchemaName
        String relationshipId = rel.path("MetadataId").asText();
        ObjectNode changed = rel.deepCopy();
        changed.put("@odata.type", "Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata");
        ((ObjectNode) changed.path("CascadeConfiguration")).put("Delete", "Restrict").put("Assign", "Cascade");
        noContent(customizer.put("RelationshipDefinitions(" + relationshipId + ")", changed.toString(),
                "MSCRM.MergeLabels", "true"));
        assertThat(customizer.get("RelationshipDefinitions(" + relationshipId + ")").json()
                .path("CascadeConfiguration").toString()).isEqualTo("{\"Delete\":\"Restrict\",\"Assign\":\"Cascade\","
                        + "\"Share\":\"NoCascade\"}");
        Response restricted = admin.delete("contacts(" + contact + ")");
        assertThat(restricted.status()).as(restricted.body()).isEqualTo(400);
        assertThat(restricted.errorMessage()).isEqualTo("The contact record cannot be deleted because " + entity
                + " records refer to it through " + oneToMany + ".");
        // a cascade value not given keeps its value; the cast of the client's updateRelationship is accepted
        noContent(customizer.put("RelationshipDefinitions(SchemaName='" + oneToMany + "')/Microsoft.Dynamics.CRM."
                + "OneToManyRelationshipMetadata", "{\"SchemaName\":\"" + oneToMany + "\",\"CascadeConfiguration\":"
                + "{\"Delete\":\"RemoveLink\",\"Share\":\"Active\"}}", "MSCRM.MergeLabels", "false"));
        assertThat(customizer.get("RelationshipDefinitions(" + relationshipId + ")").json()
                .path("CascadeConfiguration").toString()).isEqualTo("{\"Delete\":\"RemoveLink\",\"Assign\":"
                        + "\"Cascade\",\"Share\":\"Active\"}");
        assertThat(customizer.put("RelationshipDefinitions(SchemaName='" + oneToMany + "')" + cast, "{}",
                "MSCRM.MergeLabels", "true").status()).isEqualTo(404);
        // what cannot change is refused, every problem at once, and nothing changes
        Response renamedRelationship = customizer.put("RelationshipDefinitions(" + relationshipId + ")",
                "{\"SchemaName\":\"new_other" + run + "\",\"ReferencedEntity\":\"account\",\"CascadeConfiguration\":"
                + "{\"Delete\":\"Cascade\",\"Assign\":\"RemoveLink\",\"Merge\":\"Cascade\"},"
                + "\"AssociatedMenuConfiguration\":{\"Behavior\":\"UseLabel\"}}", "MSCRM.MergeLabels", "true");
        assertThat(renamedRelationship.status()).as(renamedRelationship.body()).isEqualTo(400);
        assertThat(renamedRelationship.errorCode()).isEqualTo("0x80047020");
        assertThat(renamedRelationship.errorMessage()).isEqualTo("SchemaName cannot change (it is '" + oneToMany
                + "'). ReferencedEntity cannot change (it is 'contact'). CascadeConfiguration.Merge is not kept by "
                + "Rapport; only Delete, Assign and Share can be set. CascadeConfiguration.Assign must be Cascade, "
                + "Active, UserOwned or NoCascade. AssociatedMenuConfiguration is not kept by Rapport; leave it out.");
        Response badMerge = customizer.put("RelationshipDefinitions(" + relationshipId + ")", "{}",
                "MSCRM.MergeLabels", "maybe");
        assertThat(badMerge.status()).as(badMerge.body()).isEqualTo(400);
        assertThat(badMerge.errorMessage()).isEqualTo("MSCRM.MergeLabels must be true or false, not 'maybe'.");
        // a huge value is named by its first 100 characters, not echoed whole (issue 22)
        String huge = "R".repeat(300_000);
        Response hugeCascade = customizer.put("RelationshipDefinitions(" + relationshipId + ")",
                "{\"CascadeConfiguration\":{\"Delete\":\"" + huge + "\"}}", "MSCRM.MergeLabels", "true");
        assertThat(hugeCascade.status()).isEqualTo(400);
        assertThat(hugeCascade.errorMessage()).isEqualTo("CascadeConfiguration.Delete '" + "R".repeat(100)
                + "…' is not a cascade type.");
        String systemCascade = customizer.get("RelationshipDefinitions(SchemaName='contact_customer_accounts')")
                .json().path("CascadeConfiguration").toString();
        Response systemRelationship = customizer.put("RelationshipDefinitions(SchemaName='contact_customer_accounts')",
                "{\"CascadeConfiguration\":{\"Delete\":\"Restrict\"}}", "MSCRM.MergeLabels", "true");
        assertThat(systemRelationship.status()).as(systemRelationship.body()).isEqualTo(400);
        assertThat(systemRelationship.errorCode()).isEqualTo("0x80047020");
        assertThat(systemRelationship.errorMessage()).isEqualTo("The relationship contact_customer_accounts is a "
                + "system relationship; only custom relationships can be changed with UpdateRelationship.");
        assertThat(customizer.get("RelationshipDefinitions(SchemaName='contact_customer_accounts')").json()
                .path("CascadeConfiguration").toString()).isEqualTo(systemCascade);
        assertThat(customizer.get("RelationshipDefinitions(" + relationshipId + ")").json()
                .path("CascadeConfiguration").toString()).isEqualTo("{\"Delete\":\"RemoveLink\",\"Assign\":"
                        + "\"Cascade\",\"Share\":\"Active\"}");
        // a many-to-many relationship keeps nothing that can change: its definition as read is accepted as it is
        JsonNode pair = customizer.get("RelationshipDefinitions(SchemaName='" + manyToMany + "')").json();
        noContent(customizer.put("RelationshipDefinitions(SchemaName='" + manyToMany + "')" + cast, pair.toString(),
                "MSCRM.MergeLabels", "true"));
        Response pairCascade = customizer.put("RelationshipDefinitions(SchemaName='" + manyToMany + "')",
                "{\"Entity2LogicalName\":\"contact\",\"CascadeConfiguration\":{\"Delete\":\"Cascade\"}}",
                "MSCRM.MergeLabels", "true");
        assertThat(pairCascade.status()).as(pairCascade.body()).isEqualTo(400);
        assertThat(pairCascade.errorMessage()).isEqualTo("Entity2LogicalName cannot change (it is 'account'). A "
                + "many-to-many relationship has no CascadeConfiguration.");

        // labels: PUT with MSCRM.MergeLabels keeps the other languages
        String spanish = "{\"@odata.type\":\"Microsoft.Dynamics.CRM.EntityMetadata\",\"LogicalName\":\"" + entity
                + "\",\"DisplayName\":{\"LocalizedLabels\":[{\"Label\":\"Cuenta bancaria\",\"LanguageCode\":3082}]}}";
        noContent(customizer.put("EntityDefinitions(LogicalName='" + entity + "')", spanish,
                "MSCRM.MergeLabels", "true"));
        JsonNode labels = customizer.get("EntityDefinitions(LogicalName='" + entity + "')?$select=DisplayName")
                .json().path("DisplayName").path("LocalizedLabels");
        assertThat(labels.findValuesAsText("Label")).containsExactlyInAnyOrder("Bank Account", "Cuenta bancaria");
        noContent(customizer.put(attributes + "(LogicalName='new_branches')", "{\"@odata.type\":"
                + "\"Microsoft.Dynamics.CRM.IntegerAttributeMetadata\",\"DisplayName\":" + label("Branch count")
                + ",\"RequiredLevel\":{\"Value\":\"Recommended\"}}", "MSCRM.MergeLabels", "true"));
        JsonNode branches = customizer.get(attributes + "(LogicalName='new_branches')").json();
        assertThat(branches.path("DisplayName").path("UserLocalizedLabel").path("Label").asText())
                .isEqualTo("Branch count");
        assertThat(branches.path("RequiredLevel").path("Value").asText()).isEqualTo("Recommended");

        // a global choice, bound to a new column
        String choice = "new_tier" + run;
        Response global = customizer.post("GlobalOptionSetDefinitions", "{\"@odata.type\":"
                + "\"Microsoft.Dynamics.CRM.OptionSetMetadata\",\"Name\":\"" + choice + "\",\"DisplayName\":"
                + label("Tier") + ",\"IsGlobal\":true,\"OptionSetType\":\"Picklist\",\"Options\":[{\"Value\":null,"
                + "\"Label\":" + label("Gold") + "},{\"Value\":null,\"Label\":" + label("Silver") + "}]}");
        noContent(global);
        String globalId = io.rapport.metadata.MetadataNames.metadataId("optionset", choice).toString();
        assertThat(global.header("OData-EntityId")).endsWith("GlobalOptionSetDefinitions(" + globalId + ")");
        JsonNode tiers = customizer.get("GlobalOptionSetDefinitions(" + globalId + ")").json();
        assertThat(tiers.path("Options").findValuesAsText("Value")).containsExactly("100000000", "100000001");
        noContent(customizer.post(attributes, column("Picklist", "new_Tier", "\"GlobalOptionSet@odata.bind\":"
                + "\"/GlobalOptionSetDefinitions(" + globalId + ")\"")));
        // UpdateOptionSet: PUT of the definition relabels it (merged, then replaced); the options stay as they are
        noContent(customizer.put("GlobalOptionSetDefinitions(" + globalId + ")", "{\"@odata.type\":"
                + "\"Microsoft.Dynamics.CRM.OptionSetMetadata\",\"Name\":\"" + choice + "\",\"DisplayName\":{"
                + "\"LocalizedLabels\":[{\"Label\":\"Nivel\",\"LanguageCode\":3082}]},\"Options\":[]}",
                "MSCRM.MergeLabels", "true"));
        JsonNode relabelled = customizer.get("GlobalOptionSetDefinitions(Name='" + choice + "')").json();
        assertThat(relabelled.path("DisplayName").path("LocalizedLabels").findValuesAsText("Label"))
                .containsExactlyInAnyOrder("Tier", "Nivel");
        assertThat(relabelled.path("Options").findValuesAsText("Value")).containsExactly("100000000", "100000001");
        noContent(customizer.put("GlobalOptionSetDefinitions(Name='" + choice + "')", "{\"DisplayName\":"
                + label("Level") + "}", "MSCRM.MergeLabels", "false"));
        assertThat(customizer.get("GlobalOptionSetDefinitions(Name='" + choice + "')").json().path("DisplayName")
                .path("LocalizedLabels").findValuesAsText("Label")).containsExactly("Level");
        Response renamed = customizer.put("GlobalOptionSetDefinitions(Name='" + choice + "')", "{\"Name\":\"new_other"
                + run + "\"}", "MSCRM.MergeLabels", "true");
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(400);
        Response system = customizer.put("GlobalOptionSetDefinitions(Name='industrycode')", "{\"DisplayName\":"
                + label("Sector") + "}", "MSCRM.MergeLabels", "true");
        assertThat(system.status()).as(system.body()).isEqualTo(400);
        assertThat(system.errorCode()).isEqualTo("0x80047020");
        assertThat(system.errorMessage()).isEqualTo("The option set industrycode is a system option set; only custom "
                + "option sets can be changed with UpdateOptionSet.");

        // the option value actions on the local choice
        String target = "\"EntityLogicalName\":\"" + entity + "\",\"AttributeLogicalName\":\"new_kind\"";
        Response inserted = customizer.post("InsertOptionValue", "{" + target + ",\"Label\":" + label("Loan") + "}");
        assertThat(inserted.status()).as(inserted.body()).isEqualTo(200);
        assertThat(inserted.json().path("@odata.context").asText()).isEqualTo(admin.root()
                + "$metadata#Microsoft.Dynamics.CRM.InsertOptionValueResponse");
        assertThat(inserted.json().path("NewOptionValue").asInt()).isEqualTo(100000002);
        noContent(customizer.post("UpdateOptionValue", "{" + target + ",\"Value\":100000000,\"Label\":{"
                + "\"LocalizedLabels\":[{\"Label\":\"Corriente\",\"LanguageCode\":3082}]},\"MergeLabels\":true}"));
        noContent(customizer.post("OrderOption", "{" + target + ",\"Values\":[100000002,100000001,100000000]}"));
        noContent(customizer.post("DeleteOptionValue", "{" + target + ",\"Value\":100000001}"));
        JsonNode options = customizer.get(attributes + "(LogicalName='new_kind')/Microsoft.Dynamics.CRM."
                + "PicklistAttributeMetadata?$expand=OptionSet").json().path("OptionSet").path("Options");
        assertThat(options.findValuesAsText("Value")).containsExactly("100000002", "100000000");
        assertThat(options.get(1).path("Label").path("LocalizedLabels").findValuesAsText("Label"))
                .containsExactlyInAnyOrder("Checking", "Corriente");
        noContent(customizer.post("PublishXml", "{\"ParameterXml\":\"<importexportxml><entities><entity>" + entity
                + "</entity></entities></importexportxml>\"}"));
        noContent(customizer.post("PublishAllXml", null));
    }

    @Test
    void malformedOptionAndStatusValuesGet400NamingTheProblemAndChangeNothing() {
        ApiClient customizer = as("System Customizer");
        String entity = "new_probe" + run;
        noContent(customizer.post("EntityDefinitions", table("new_Probe" + run, "new_ProbeName")));
        String target = "\"EntityLogicalName\":\"" + entity + "\",\"AttributeLogicalName\":\"statuscode\"";
        Map<String, String> bodies = new java.util.LinkedHashMap<>();
        bodies.put("state as text", "{" + target + ",\"StateCode\":\"one\",\"Label\":" + label("A") + "}");
        bodies.put("label as text", "{" + target + ",\"StateCode\":1,\"Label\":\"A\"}");
        bodies.put("value beyond int", "{" + target + ",\"StateCode\":1,\"Value\":50000000000,\"Label\":"
                + label("A") + "}");
        bodies.put("value negative", "{" + target + ",\"StateCode\":1,\"Value\":-5,\"Label\":" + label("A") + "}");
        bodies.put("value fraction", "{" + target + ",\"StateCode\":1,\"Value\":1.5,\"Label\":" + label("A") + "}");
        bodies.put("color 10k", "{" + target + ",\"StateCode\":1,\"Color\":\"" + "#".repeat(10_000)
                + "\",\"Label\":" + label("A") + "}");
        bodies.put("label 10k", "{" + target + ",\"StateCode\":1,\"Label\":" + label("x".repeat(10_000)) + "}");
        bodies.put("entity a number", "{\"EntityLogicalName\":5,\"AttributeLogicalName\":\"statuscode\","
                + "\"StateCode\":1,\"Label\":" + label("A") + "}");
        bodies.put("option on unknown attribute", "{\"EntityLogicalName\":\"" + entity + "\",\"AttributeLogicalName\":"
                + "\"nosuch\",\"Label\":" + label("A") + "}");
        Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("state as text", "StateCode must be a whole number, not \"one\".");
        expected.put("label as text", "Label must be a Label with LocalizedLabels. Label needs at least one "
                + "localized label.");
        expected.put("value beyond int", "Value must be a whole number, not 50000000000.");
        expected.put("value negative", "Value must be 1 or more; leave it out for the next free value.");
        expected.put("value fraction", "Value must be a whole number, not 1.5.");
        expected.put("color 10k", "The colour '####################…' is not a colour: give it as #RRGGBB (for "
                + "example #0078D4).");
        expected.put("label 10k", "The label of option 0 (en) has 10000 characters; at most 250 are allowed.");
        expected.put("entity a number", "Unknown option set 5.statuscode.");
        expected.put("option on unknown attribute", "Unknown option set " + entity + ".nosuch.");
        String statuses = "EntityDefinitions(LogicalName='" + entity + "')/Attributes(LogicalName='statuscode')/"
                + "Microsoft.Dynamics.CRM.StatusAttributeMetadata?$expand=OptionSet";
        for (Map.Entry<String, String> e : bodies.entrySet()) {
            Response r = customizer.post(e.getKey().startsWith("option") ? "InsertOptionValue" : "InsertStatusValue",
                    e.getValue());
            assertThat(r.status()).as(e.getKey() + ": " + r.body()).isEqualTo(400);
            assertThat(r.errorMessage()).as(e.getKey()).isEqualTo(expected.get(e.getKey()));
        }
        Response updated = customizer.post("UpdateOptionValue", "{" + target + ",\"Value\":\"x\",\"MergeLabels\":"
                + "true,\"Label\":" + label("A") + "}");
        assertThat(updated.status()).as(updated.body()).isEqualTo(400);
        assertThat(updated.errorMessage()).isEqualTo("Value must be a whole number, not \"x\".");
        Response relabelled = customizer.post("UpdateOptionValue", "{" + target + ",\"Value\":1,\"MergeLabels\":"
                + "true,\"Label\":" + label("y".repeat(251)) + "}");
        assertThat(relabelled.status()).as(relabelled.body()).isEqualTo(400);
        assertThat(relabelled.errorMessage()).isEqualTo("The label of option 1 (en) has 251 characters; at most 250 "
                + "are allowed.");
        Response deleted = customizer.post("DeleteOptionValue", "{" + target + ",\"Value\":99999999999}");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(400);
        assertThat(deleted.errorMessage()).isEqualTo("Value must be a whole number, not 99999999999.");
        Response zero = customizer.post("GlobalOptionSetDefinitions", "{\"@odata.type\":"
                + "\"Microsoft.Dynamics.CRM.OptionSetMetadata\",\"Name\":\"new_zero" + run + "\",\"DisplayName\":"
                + label("Zero") + ",\"IsGlobal\":true,\"OptionSetType\":\"Picklist\",\"Options\":[{\"Value\":0,"
                + "\"Label\":" + label("None") + "}]}");
        assertThat(zero.status()).as(zero.body()).isEqualTo(400);
        assertThat(zero.errorMessage()).isEqualTo("An option's Value must be 1 or more; leave it out for the next "
                + "free value.");
        assertThat(customizer.get("GlobalOptionSetDefinitions(Name='new_zero" + run + "')").status()).isEqualTo(404);
        Response ordered = customizer.post("OrderOption", "{" + target + ",\"Values\":\"1,2\"}");
        assertThat(ordered.status()).as(ordered.body()).isEqualTo(400);
        assertThat(ordered.errorMessage()).isEqualTo("Values must be an array of option values.");
        // nothing changed: the two status reasons of a new table, and a colour as Dataverse writes it is taken
        assertThat(customizer.get(statuses).json().path("OptionSet").path("Options").findValuesAsText("Value"))
                .containsExactly("1", "2");
        Response coloured = customizer.post("InsertStatusValue", "{" + target + ",\"StateCode\":1,\"Color\":"
                + "\"#0078d4\",\"Label\":" + label("Settled") + "}");
        assertThat(coloured.status()).as(coloured.body()).isEqualTo(200);
        assertThat(customizer.get(statuses).json().path("OptionSet").path("Options").findValuesAsText("Color"))
                .contains("#0078d4");
    }

    @Test
    void aSystemCustomizerAddsAStatusReasonThatOnlyItsStateTakes() {
        ApiClient customizer = as("System Customizer");
        String entity = "new_loan" + run;
        noContent(customizer.post("EntityDefinitions", table("new_Loan" + run, "new_LoanName")));
        String set = customizer.get("EntityDefinitions(LogicalName='" + entity + "')").json().path("EntitySetName")
                .asText();
        String target = "\"EntityLogicalName\":\"" + entity + "\",\"AttributeLogicalName\":\"statuscode\"";

        Response added = customizer.post("InsertStatusValue", "{" + target + ",\"StateCode\":1,\"Label\":"
                + label("Repaid") + "}");
        assertThat(added.status()).as(added.body()).isEqualTo(200);
        assertThat(added.json().path("@odata.context").asText()).isEqualTo(admin.root()
                + "$metadata#Microsoft.Dynamics.CRM.InsertStatusValueResponse");
        assertThat(added.json().path("NewOptionValue").asInt()).isEqualTo(100000000);
        String statuses = "EntityDefinitions(LogicalName='" + entity + "')/Attributes(LogicalName='statuscode')/"
                + "Microsoft.Dynamics.CRM.StatusAttributeMetadata?$expand=OptionSet";
        JsonNode options = customizer.get(statuses).json().path("OptionSet").path("Options");
        assertThat(options.findValuesAsText("Value")).containsExactly("1", "2", "100000000");
        assertThat(options.findValuesAsText("State")).containsExactly("0", "1", "1");

        // bad input: 400 naming the problem, and the status reasons stay as they are
        Response wrongState = customizer.post("InsertStatusValue", "{" + target + ",\"StateCode\":5,\"Label\":"
                + label("Lost") + "}");
        assertThat(wrongState.status()).as(wrongState.body()).isEqualTo(400);
        assertThat(wrongState.errorMessage()).isEqualTo("The state 5 is not a state of " + entity + "; its states "
                + "are 0 (Active), 1 (Inactive).");
        Response noState = customizer.post("InsertStatusValue", "{" + target + ",\"Label\":" + label("Lost") + "}");
        assertThat(noState.status()).as(noState.body()).isEqualTo(400);
        assertThat(noState.errorMessage()).isEqualTo("InsertStatusValue needs the parameter StateCode.");
        Response asOption = customizer.post("InsertOptionValue", "{" + target + ",\"Label\":" + label("Lost") + "}");
        assertThat(asOption.status()).as(asOption.body()).isEqualTo(400);
        assertThat(asOption.errorMessage()).isEqualTo("statuscode is a status attribute: add its values with "
                + "InsertStatusValue, which names the state each belongs to.");
        Response aState = customizer.post("InsertOptionValue", "{\"EntityLogicalName\":\"" + entity + "\","
                + "\"AttributeLogicalName\":\"statecode\",\"Label\":" + label("Frozen") + "}");
        assertThat(aState.status()).as(aState.body()).isEqualTo(400);
        assertThat(aState.errorMessage()).isEqualTo("The states of " + entity + " are fixed; add a status reason to "
                + "the state with InsertStatusValue instead.");
        ApiClient salesperson = ApiClient.signedIn(port, people, people.user("metaseller" + run,
                people.businessUnit("Metadata seller " + run, people.rootUnit()), "Salesperson"));
        Response seller = salesperson.post("InsertStatusValue", "{" + target + ",\"StateCode\":0,"
                + "\"Label\":" + label("Denied") + "}");
        assertThat(seller.status()).as(seller.body()).isEqualTo(403);
        assertThat(seller.errorCode()).isEqualTo("0x80040220");
        assertThat(customizer.get(statuses).json().path("OptionSet").path("Options").findValuesAsText("Value"))
                .containsExactly("1", "2", "100000000");

        // a record takes the new status reason with its state, and not with the other
        Response record = admin.post(set, "{\"new_loanname\":\"Loan " + run + "\"}", "Prefer",
                "return=representation");
        assertThat(record.status()).as(record.body()).isEqualTo(201);
        String id = record.json().path(entity + "id").asText();
        Response mismatched = admin.patch(set + "(" + id + ")", "{\"statecode\":0,\"statuscode\":100000000}");
        assertThat(mismatched.status()).as(mismatched.body()).isEqualTo(400);
        noContent(admin.patch(set + "(" + id + ")", "{\"statecode\":1,\"statuscode\":100000000}"));
        JsonNode stored = admin.get(set + "(" + id + ")?$select=statecode,statuscode").json();
        assertThat(stored.path("statecode").asInt()).isEqualTo(1);
        assertThat(stored.path("statuscode").asInt()).isEqualTo(100000000);
    }

    @Test
    void aSalespersonIsRefusedEveryMetadataWriteAndNothingChanges() {
        ApiClient seller = as("Salesperson");
        String entity = "new_denied" + run;
        String systemCascade = admin.get("RelationshipDefinitions(SchemaName='contact_customer_accounts')").json()
                .path("CascadeConfiguration").toString();
        List<Response> refused = List.of(
                seller.post("EntityDefinitions", table("new_Denied" + run, "new_Name")),
                seller.post("EntityDefinitions(LogicalName='account')/Attributes", column("Integer",
                        "new_Denied" + run, "")),
                seller.put("EntityDefinitions(LogicalName='account')", "{\"DisplayName\":" + label("Denied") + "}",
                        "MSCRM.MergeLabels", "true"),
                seller.post("RelationshipDefinitions", "{\"@odata.type\":\"Microsoft.Dynamics.CRM."
                        + "ManyToManyRelationshipMetadata\",\"SchemaName\":\"new_denied" + run + "\","
                        + "\"Entity1LogicalName\":\"account\",\"Entity2LogicalName\":\"contact\"}"),
                seller.post("GlobalOptionSetDefinitions", "{\"Name\":\"new_denied" + run + "\",\"DisplayName\":"
                        + label("Denied") + ",\"Options\":[{\"Value\":1,\"Label\":" + label("One") + "}]}"),
                seller.post("InsertOptionValue", "{\"OptionSetName\":\"industrycode\",\"Label\":" + label("Denied")
                        + "}"),
                seller.post("PublishAllXml", null),
                seller.put("GlobalOptionSetDefinitions(Name='industrycode')", "{\"DisplayName\":" + label("Denied")
                        + "}", "MSCRM.MergeLabels", "true"),
                seller.put("RelationshipDefinitions(SchemaName='contact_customer_accounts')",
                        "{\"CascadeConfiguration\":{\"Delete\":\"Restrict\"}}", "MSCRM.MergeLabels", "true"));
        for (Response r : refused) {
            assertThat(r.status()).as(r.body()).isEqualTo(403);
            assertThat(r.errorCode()).isEqualTo("0x80040220");
            assertThat(r.errorMessage()).startsWith("Principal user").contains("is missing prv");
        }
        assertThat(admin.get("EntityDefinitions?$filter=" + ApiClient.enc("LogicalName eq '" + entity + "'")).json().path("value"))
                .isEmpty();
        assertThat(admin.get("EntityDefinitions(LogicalName='account')/Attributes(LogicalName='new_denied" + run
                + "')").status()).isEqualTo(404);
        assertThat(admin.get("EntityDefinitions(LogicalName='account')").json().path("DisplayName")
                .path("UserLocalizedLabel").path("Label").asText()).isEqualTo("Account");
        assertThat(admin.get("GlobalOptionSetDefinitions(Name='new_denied" + run + "')").status()).isEqualTo(404);
        assertThat(admin.get("GlobalOptionSetDefinitions(Name='industrycode')").json().path("Options")
                .findValuesAsText("Label")).doesNotContain("Denied");
        assertThat(admin.get("RelationshipDefinitions(SchemaName='contact_customer_accounts')").json()
                .path("CascadeConfiguration").toString()).isEqualTo(systemCascade);
    }

    @Test
    void badDefinitionsAnswer400WithEveryProblemAndChangeNothing() {
        ApiClient customizer = as("System Customizer");
        String attributes = "EntityDefinitions(LogicalName='account')/Attributes";
        Response unknownType = customizer.post(attributes, column("Hologram", "new_Holo" + run, ""));
        assertThat(unknownType.status()).isEqualTo(400);
        assertThat(unknownType.errorMessage()).contains("Unknown attribute type 'HologramAttributeMetadata'");

        Response badPrefix = customizer.post(attributes, column("Integer", "acme_Count" + run, ""));
        assertThat(badPrefix.status()).isEqualTo(400);
        assertThat(badPrefix.errorMessage()).contains("must start with the publisher prefix 'new_'");

        Response noLabels = customizer.post("EntityDefinitions", "{\"SchemaName\":\"new_Nolabel" + run + "\","
                + "\"Attributes\":[{\"@odata.type\":\"Microsoft.Dynamics.CRM.StringAttributeMetadata\","
                + "\"SchemaName\":\"new_Name\",\"IsPrimaryName\":true,\"MaxLength\":100,\"DisplayName\":{"
                + "\"LocalizedLabels\":[{\"Label\":\"Nom\",\"LanguageCode\":1036}]}}]}");
        assertThat(noLabels.status()).isEqualTo(400);
        assertThat(noLabels.errorCode()).isEqualTo("0x80047020");
        assertThat(noLabels.errorMessage()).contains("DisplayName needs at least one localized label")
                .contains("DisplayCollectionName needs at least one localized label")
                .contains("the language code 1036 is not provisioned");

        Response noPrimary = customizer.post("EntityDefinitions", "{\"SchemaName\":\"new_Noprimary" + run + "\","
                + "\"DisplayName\":" + label("X") + ",\"DisplayCollectionName\":" + label("Xs") + ",\"Attributes\":[]}");
        assertThat(noPrimary.status()).isEqualTo(400);
        assertThat(noPrimary.errorMessage()).contains("primary name attribute");

        noContent(customizer.post(attributes, column("Integer", "new_Twice" + run, "")));
        Response duplicate = customizer.post(attributes, column("Integer", "new_Twice" + run, ""));
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.errorMessage()).contains("already exists");
        Response duplicateTable = customizer.post("EntityDefinitions", table("Account", "new_Name"));
        assertThat(duplicateTable.status()).isEqualTo(400);

        // a table whose second column is bad is not created at all
        String half = "new_half" + run;
        String body = table("new_Half" + run, "new_Name").replace("}]}", "}," + column("Integer", "new_Count",
                "\"MinValue\":\"many\"") + "]}");
        Response halfDone = customizer.post("EntityDefinitions", body);
        assertThat(halfDone.status()).as(halfDone.body()).isEqualTo(400);
        assertThat(halfDone.errorMessage()).contains("MinValue must be a number");
        assertThat(customizer.get("EntityDefinitions?$filter=" + ApiClient.enc("LogicalName eq '" + half + "'")).json().path("value"))
                .isEmpty();

        Response order = customizer.post("OrderOption", "{\"OptionSetName\":\"industrycode\",\"Values\":[1,2]}");
        assertThat(order.status()).isEqualTo(400);
        assertThat(order.errorMessage()).contains("every option of industrycode exactly once");
        Response unknownParameter = customizer.post("DeleteOptionValue", "{\"OptionSetName\":\"industrycode\","
                + "\"Value\":1,\"Force\":true}");
        assertThat(unknownParameter.status()).isEqualTo(400);
        assertThat(unknownParameter.errorMessage()).contains("'Force' is not a parameter of DeleteOptionValue");
        Response badXml = customizer.post("PublishXml", "{\"ParameterXml\":\"<nope/>\"}");
        assertThat(badXml.status()).isEqualTo(400);
        assertThat(customizer.get("GlobalOptionSetDefinitions(Name='industrycode')").json().path("Options")
                .findValuesAsText("Value")).contains("1", "2");
    }
}
