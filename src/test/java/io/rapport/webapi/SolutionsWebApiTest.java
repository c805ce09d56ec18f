package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.pipeline.OrganizationService;
import io.rapport.testing.OnH2;
import io.rapport.testing.Principals;
import io.rapport.webapi.ApiClient.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The {@code solution} and {@code publisher} entities, read-only, with the rows every Dataverse organization has:
 * a salesperson finds the Default Solution of the default publisher (the configured prefix) and the Common Data
 * Services Default Solution, by query and by alternate key; nobody, not even an administrator, may change them.
 */
@OnH2
class SolutionsWebApiTest {

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    ApiClient seller;
    ApiClient admin;

    @BeforeEach
    void setUp() {
        Principals people = new Principals(org);
        UUID unit = people.businessUnit("Solutions", people.rootUnit());
        seller = client(people, people.user("solver", unit, "Salesperson"));
        admin = client(people, people.user("solveradmin", unit, "System Administrator"));
    }

    private ApiClient client(Principals people, UUID user) {
        return new ApiClient(port).withAuthorization("Basic " + Base64.getEncoder().encodeToString(
                (people.userName(user) + ":" + Principals.PASSWORD).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyUserReadsTheDefaultSolutionsAndPublishers() {
        Response solutions = seller.get("solutions?$select=uniquename,friendlyname,ismanaged,isvisible"
                + "&$expand=publisherid($select=uniquename,customizationprefix)&$orderby=uniquename");
        assertThat(solutions.status()).as(solutions.body()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        solutions.json().path("value").forEach(s -> names.add(s.path("friendlyname").asText()));
        assertThat(names).contains("Default Solution", "Active Solution", "Basic Solution", "System Solution",
                "Common Data Services Default Solution");
        JsonNode byKey = seller.get("solutions(uniquename='Default')?$select=friendlyname,ismanaged"
                + "&$expand=publisherid($select=uniquename,friendlyname,customizationprefix,"
                + "customizationoptionvalueprefix)").json();
        assertThat(byKey.path("solutionid").asText()).isEqualTo("fd140aaf-4df4-11dd-bd17-0019b9312238");
        assertThat(byKey.path("ismanaged").asBoolean()).isFalse();
        assertThat(byKey.path("publisherid").path("publisherid").asText())
                .isEqualTo("d21aab71-79e7-11dd-8874-00188b01e34f");
        assertThat(byKey.path("publisherid").path("friendlyname").asText()).startsWith("Default Publisher for ");
        assertThat(byKey.path("publisherid").path("customizationprefix").asText()).isEqualTo("new");
        assertThat(byKey.path("publisherid").path("customizationoptionvalueprefix").asInt()).isEqualTo(10000);
        Response cds = seller.get("solutions?$select=uniquename&$filter="
                + ApiClient.enc("friendlyname eq 'Common Data Services Default Solution'")
                + "&$expand=publisherid($select=friendlyname)");
        assertThat(cds.json().path("value")).singleElement().satisfies(s -> {
            assertThat(s.path("uniquename").asText()).matches("Cr[0-9a-f]{5}");
            assertThat(s.path("publisherid").path("friendlyname").asText()).isEqualTo("CDS Default Publisher");
        });
        Response publishers = seller.get("publishers?$select=uniquename&$filter="
                + ApiClient.enc("uniquename eq 'MicrosoftCorporation'"));
        assertThat(publishers.json().path("value")).hasSize(1);
    }

    @Test
    void solutionsAndPublishersAreReadOnlyEvenForAnAdministrator() {
        Response create = admin.post("solutions", "{\"uniquename\":\"mine\",\"friendlyname\":\"Mine\","
                + "\"version\":\"1.0\"}");
        assertThat(create.status()).as(create.body()).isEqualTo(400);
        assertThat(create.errorMessage()).isEqualTo("The solution records are read-only: Rapport keeps its "
                + "customizations in the Default Solution of the default publisher.");
        Response rename = admin.patch("publishers(uniquename='MicrosoftCorporation')", "{\"friendlyname\":\"X\"}",
                "If-Match", "*");
        assertThat(rename.status()).as(rename.body()).isEqualTo(400);
        Response delete = admin.delete("solutions(uniquename='Default')");
        assertThat(delete.status()).as(delete.body()).isEqualTo(400);
        assertThat(seller.get("solutions(uniquename='Default')?$select=friendlyname").json().path("friendlyname")
                .asText()).isEqualTo("Default Solution");
        assertThat(seller.get("publishers(uniquename='MicrosoftCorporation')?$select=friendlyname").json()
                .path("friendlyname").asText()).isEqualTo("MicrosoftCorporation");
    }
}
