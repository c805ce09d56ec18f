package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.pipeline.OrganizationService;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.testing.OnH2;
import io.rapport.testing.Principals;
import io.rapport.webapi.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The owner of a record is a user or a team, as in Dataverse: {@code $expand=ownerid} answers either with its
 * {@code @odata.type} and {@code ownerid}; {@code owninguser} and {@code owningteam} expand and filter the owner of
 * one kind (null for the other); {@code _ownerid_value} names the kind in
 * {@code @Microsoft.Dynamics.CRM.lookuplogicalname}. Read by a salesperson.
 */
@OnH2
class OwnerNavigationWebApiTest {

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    ApiClient api;
    UUID seller;
    UUID team;
    UUID userOwned;
    UUID teamOwned;
    String run;

    @BeforeEach
    void setUp() {
        Principals people = new Principals(org);
        UUID unit = people.businessUnit("Owners", people.rootUnit());
        seller = people.user("owner", unit, "Salesperson");
        team = people.team("Key Accounts", unit, 0, seller);
        api = new ApiClient(port).withAuthorization("Basic " + Base64.getEncoder().encodeToString(
                (people.userName(seller) + ":" + Principals.PASSWORD).getBytes(StandardCharsets.UTF_8)));
        run = UUID.randomUUID().toString().substring(0, 8);
        userOwned = org.create(new Entity("account").set("name", "Owned " + run + " by user")
                .set("ownerid", new EntityReference("systemuser", seller)));
        teamOwned = org.create(new Entity("account").set("name", "Owned " + run + " by team")
                .set("ownerid", new EntityReference("team", team)));
    }

    private JsonNode accounts(String options, String... headers) {
        return selecting("name", options, headers);
    }

    private JsonNode selecting(String select, String options, String... headers) {
        Response r = api.get("accounts?$select=" + select + "&$orderby=name%20desc&$filter="
                + ApiClient.enc("startswith(name,'Owned " + run + "')") + options, headers);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json().path("value");
    }

    @Test
    void expandingOwneridAnswersTheUserOrTheTeamWithItsType() {
        JsonNode rows = accounts("&$expand=ownerid");
        assertThat(rows).hasSize(2);
        JsonNode byUser = rows.get(0).path("ownerid");
        assertThat(byUser.path("@odata.type").asText()).isEqualTo("#Microsoft.Dynamics.CRM.systemuser");
        assertThat(byUser.path("ownerid").asText()).isEqualTo(seller.toString());
        assertThat(byUser.path("systemuserid").asText()).isEqualTo(seller.toString());
        assertThat(byUser.path("fullname").asText()).isNotBlank();
        JsonNode byTeam = rows.get(1).path("ownerid");
        assertThat(byTeam.path("@odata.type").asText()).isEqualTo("#Microsoft.Dynamics.CRM.team");
        assertThat(byTeam.path("ownerid").asText()).isEqualTo(team.toString());
        assertThat(byTeam.path("teamid").asText()).isEqualTo(team.toString());
        assertThat(byTeam.path("name").asText()).startsWith("Key Accounts ");
    }

    @Test
    void owneridTakesTheSelectOfEitherKind() {
        JsonNode rows = accounts("&$expand=ownerid($select=fullname,name)");
        assertThat(rows.get(0).path("ownerid").has("fullname")).isTrue();
        assertThat(rows.get(0).path("ownerid").has("domainname")).isFalse();
        assertThat(rows.get(1).path("ownerid").path("name").asText()).startsWith("Key Accounts ");
        assertThat(rows.get(1).path("ownerid").has("teamtype")).isFalse();
        Response wrong = api.get("accounts?$select=name&$expand=ownerid($select=nosuchcolumn)");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.errorMessage()).isEqualTo("Could not find a property named 'nosuchcolumn' on type "
                + "'Microsoft.Dynamics.CRM.principal'.");
    }

    @Test
    void owningUserAndOwningTeamExpandAndFilterOneKind() {
        JsonNode rows = accounts("&$expand=owninguser($select=fullname),owningteam($select=name)");
        assertThat(rows.get(0).path("owninguser").path("systemuserid").asText()).isEqualTo(seller.toString());
        assertThat(rows.get(0).path("owningteam").isNull()).isTrue();
        assertThat(rows.get(1).path("owninguser").isNull()).isTrue();
        assertThat(rows.get(1).path("owningteam").path("teamid").asText()).isEqualTo(team.toString());

        Response byTeam = api.get("accounts?$select=name&$filter=" + ApiClient.enc("startswith(name,'Owned " + run
                + "') and owningteam/teamid eq " + team));
        assertThat(byTeam.status()).as(byTeam.body()).isEqualTo(200);
        assertThat(byTeam.json().path("value")).singleElement()
                .satisfies(a -> assertThat(a.path("accountid").asText()).isEqualTo(teamOwned.toString()));
        Response byUser = api.get("accounts?$select=name&$filter=" + ApiClient.enc("startswith(name,'Owned " + run
                + "') and owninguser/systemuserid eq " + seller));
        assertThat(byUser.json().path("value")).singleElement()
                .satisfies(a -> assertThat(a.path("accountid").asText()).isEqualTo(userOwned.toString()));
    }

    @Test
    void aRecordIsGivenToATeamByBindingOwneridToTheTeam() {
        Response created = api.post("accounts", "{\"name\":\"Owned " + run + " bound\",\"ownerid@odata.bind\":"
                + "\"/teams(" + team + ")\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(204);
        String id = ApiClient.idOf(created);
        JsonNode read = api.get("accounts(" + id + ")?$select=_ownerid_value&$expand=ownerid($select=name)",
                "Prefer", "odata.include-annotations=\"Microsoft.Dynamics.CRM.lookuplogicalname\"").json();
        assertThat(read.path("_ownerid_value").asText()).isEqualTo(team.toString());
        assertThat(read.path("_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname").asText()).isEqualTo("team");
        assertThat(read.path("ownerid").path("@odata.type").asText()).isEqualTo("#Microsoft.Dynamics.CRM.team");
        Response wrong = api.post("accounts", "{\"name\":\"Owned " + run + " wrong\",\"ownerid@odata.bind\":"
                + "\"/contacts(" + UUID.randomUUID() + ")\"}");
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.errorMessage()).isEqualTo("The navigation property 'ownerid' refers to systemuser records, "
                + "not contact.");
    }

    @Test
    void theOwnerValueNamesItsKind() {
        JsonNode rows = selecting("name,_ownerid_value", "",
                "Prefer", "odata.include-annotations=\"Microsoft.Dynamics.CRM.lookuplogicalname\"");
        assertThat(rows.get(0).path("_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname").asText())
                .isEqualTo("systemuser");
        assertThat(rows.get(1).path("_ownerid_value@Microsoft.Dynamics.CRM.lookuplogicalname").asText())
                .isEqualTo("team");
        assertThat(rows.get(1).path("_ownerid_value").asText()).isEqualTo(team.toString());
        Response byValue = api.get("accounts?$select=name&$filter=" + ApiClient.enc("_ownerid_value eq " + team
                + " and startswith(name,'Owned " + run + "')"));
        assertThat(byValue.json().path("value")).singleElement()
                .satisfies(a -> assertThat(a.path("accountid").asText()).isEqualTo(teamOwned.toString()));
    }

    @Test
    void owningUserAndOwningTeamValuesAreReadSelectedAndFilteredFromTheOwner() {
        JsonNode rows = selecting("name,_owninguser_value,_owningteam_value", "",
                "Prefer", "odata.include-annotations=\"Microsoft.Dynamics.CRM.lookuplogicalname\"");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).path("_owninguser_value").asText()).isEqualTo(seller.toString());
        assertThat(rows.get(0).path("_owninguser_value@Microsoft.Dynamics.CRM.lookuplogicalname").asText())
                .isEqualTo("systemuser");
        assertThat(rows.get(0).path("_owningteam_value").isNull()).isTrue();
        assertThat(rows.get(1).path("_owningteam_value").asText()).isEqualTo(team.toString());
        assertThat(rows.get(1).path("_owninguser_value").isNull()).isTrue();
        // every column (no $select) carries them as well
        JsonNode whole = api.get("accounts(" + teamOwned + ")").json();
        assertThat(whole.path("_owningteam_value").asText()).isEqualTo(team.toString());
        assertThat(whole.has("_owninguser_value")).isTrue();
        assertThat(whole.path("_owninguser_value").isNull()).isTrue();
        // filterable: only the record of that kind of owner matches
        JsonNode byUser = api.get("accounts?$select=name&$filter=" + ApiClient.enc("_owninguser_value eq " + seller
                + " and startswith(name,'Owned " + run + "')")).json().path("value");
        assertThat(byUser).singleElement().satisfies(a -> assertThat(a.path("accountid").asText())
                .isEqualTo(userOwned.toString()));
        Response byTeam = api.get("accounts?$select=name&$filter=" + ApiClient.enc("_owningteam_value eq " + team
                + " and startswith(name,'Owned " + run + "')"));
        assertThat(byTeam.json().path("value")).singleElement().satisfies(a -> assertThat(a.path("accountid")
                .asText()).isEqualTo(teamOwned.toString()));
        Response noTeamIsAUser = api.get("accounts?$select=name&$filter=" + ApiClient.enc("_owninguser_value eq "
                + team + " and startswith(name,'Owned " + run + "')"));
        assertThat(noTeamIsAUser.json().path("value")).isEmpty();
    }

    @Test
    void owningUserIsNullForTeamOwnedRecordsAndOwningTeamForUserOwnedOnes() {
        assertThat(ids("_owninguser_value eq null")).containsExactly(teamOwned.toString());
        assertThat(ids("_owningteam_value eq null")).containsExactly(userOwned.toString());
        assertThat(ids("_owninguser_value ne null")).containsExactly(userOwned.toString());
        assertThat(ids("_owningteam_value ne null")).containsExactly(teamOwned.toString());
        assertThat(ids("_owninguser_value eq null and _owningteam_value eq null")).isEmpty();
        assertThat(ids("not (_owninguser_value eq null)")).containsExactly(userOwned.toString());
        Response wrong = api.get("accounts?$select=name&$filter=" + ApiClient.enc("_owninguser_value gt null"));
        assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
        assertThat(wrong.json().path("error").path("code").asText()).startsWith("0x");
    }

    private java.util.List<String> ids(String filter) {
        Response r = api.get("accounts?$select=name&$filter=" + ApiClient.enc(filter + " and startswith(name,'Owned "
                + run + "')"));
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        java.util.List<String> ids = new java.util.ArrayList<>();
        r.json().path("value").forEach(a -> ids.add(a.path("accountid").asText()));
        return ids;
    }
}
