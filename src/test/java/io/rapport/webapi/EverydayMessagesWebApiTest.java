package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.pipeline.OrganizationService;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
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
 * Functions everyday Dataverse code calls, over HTTP as a salesperson: RetrieveTotalRecordCount (counts of what the
 * caller may read), RetrieveCurrentOrganization, FormatAddress.
 */
abstract class EverydayMessagesWebApiTest {

    @OnH2
    static class H2 extends EverydayMessagesWebApiTest {
    }

    @OnPostgres
    static class Postgres extends EverydayMessagesWebApiTest {
    }

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    ApiClient api;
    UUID user;

    @BeforeEach
    void setUp() {
        Principals people = new Principals(org);
        user = people.user("everyday", people.businessUnit("Everyday", people.rootUnit()), "Salesperson");
        api = new ApiClient(port).withAuthorization("Basic " + Base64.getEncoder().encodeToString(
                (people.userName(user) + ":" + Principals.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    private JsonNode ok(Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void retrieveTotalRecordCountCountsWhatTheCallerMayRead() {
        api.post("accounts", "{\"name\":\"Counted " + UUID.randomUUID() + "\"}");
        // an aggregate counts every row the caller reads; @odata.count would stop at 5,000 (other suites share the
        // database), while RetrieveTotalRecordCount is not capped
        long accounts = ok(api.get("accounts?$apply=aggregate($count%20as%20n)")).path("value").get(0).path("n")
                .asLong();
        JsonNode counts = ok(api.get("RetrieveTotalRecordCount(EntityNames=@p1)?@p1="
                + ApiClient.enc("['account','contact']"))).path("EntityRecordCountCollection");
        assertThat(counts.path("Count").asInt()).isEqualTo(2);
        assertThat(counts.path("Keys").get(0).asText()).isEqualTo("account");
        assertThat(counts.path("Keys").get(1).asText()).isEqualTo("contact");
        assertThat(counts.path("Values").get(0).asLong()).isEqualTo(accounts).isPositive();
        Response unknown = api.get("RetrieveTotalRecordCount(EntityNames=@p1)?@p1=" + ApiClient.enc("['nothing']"));
        assertThat(unknown.status()).isEqualTo(404);
    }

    @Test
    void retrieveCurrentOrganizationDescribesTheOrganization() {
        JsonNode who = ok(api.get("WhoAmI()"));
        JsonNode detail = ok(api.get("RetrieveCurrentOrganization(AccessType=@p1)?@p1="
                + ApiClient.enc("'Default'"))).path("Detail");
        assertThat(detail.path("OrganizationId").asText()).isEqualTo(who.path("OrganizationId").asText());
        assertThat(detail.path("OrganizationVersion").asText()).startsWith("9.2");
        assertThat(detail.path("State").asText()).isEqualTo("Enabled");
        assertThat(detail.path("FriendlyName").asText()).isNotBlank();
        // the one endpoint Rapport has of Dataverse's three: the web application the Web API lives below
        JsonNode endpoints = detail.path("Endpoints");
        assertThat(endpoints.path("Count").asInt()).isEqualTo(1);
        assertThat(endpoints.path("Keys").get(0).asText()).isEqualTo("WebApplication");
        assertThat(endpoints.path("Values").get(0).asText()).isEqualTo("http://localhost:" + port + "/");
    }

    @Test
    void retrieveUserPrivilegesListsTheDeepestDepthOfEachPrivilegeOfTheUsersRoles() {
        JsonNode privileges = ok(api.get("systemusers(" + user + ")/Microsoft.Dynamics.CRM.RetrieveUserPrivileges()"))
                .path("RolePrivileges");
        java.util.Map<String, String> depths = new java.util.HashMap<>();
        privileges.forEach(p -> depths.put(p.path("PrivilegeName").asText(), p.path("Depth").asText()));
        assertThat(depths).containsEntry("prvCreateAccount", "Basic").containsEntry("prvReadAccount", "Global")
                .containsEntry("prvWriteTask", "Local").doesNotContainKey("prvCreateRole");
        assertThat(privileges.get(0).path("PrivilegeId").asText()).matches("[0-9a-f-]{36}");
    }

    @Test
    void formatAddressJoinsThePartsAsLines() {
        JsonNode r = ok(api.get("FormatAddress(Line1=@a,City=@b,StateOrProvince=@c,PostalCode=@d,Country=@e)?@a="
                + ApiClient.enc("'1 Microsoft Way'") + "&@b='Redmond'&@c='WA'&@d='98052'&@e='USA'"));
        assertThat(r.path("Address").asText()).isEqualTo("1 Microsoft Way\r\nRedmond, WA 98052\r\nUSA");
        JsonNode partial = ok(api.get("FormatAddress(City=@b,Country=@e)?@b='Lisbon'&@e='Portugal'"));
        assertThat(partial.path("Address").asText()).isEqualTo("Lisbon\r\nPortugal");
        // in the order of the address's country
        JsonNode brazil = ok(api.get("FormatAddress(Line1=@a,City=@b,StateOrProvince=@c,PostalCode=@d,Country=@e)?@a="
                + ApiClient.enc("'Av. Paulista, 1000'") + "&@b=" + ApiClient.enc("'São Paulo'") + "&@c='SP'"
                + "&@d='01310-100'&@e='Brasil'"));
        assertThat(brazil.path("Address").asText()).isEqualTo("Av. Paulista, 1000\r\nSão Paulo - SP\r\n01310-100"
                + "\r\nBrasil");
        JsonNode spain = ok(api.get("FormatAddress(Line1=@a,City=@b,PostalCode=@d,Country=@e)?@a="
                + ApiClient.enc("'Calle Mayor 1'") + "&@b='Madrid'&@d='28013'&@e=" + ApiClient.enc("'España'")));
        assertThat(spain.path("Address").asText()).isEqualTo("Calle Mayor 1\r\n28013 Madrid\r\nEspaña");
    }
}
