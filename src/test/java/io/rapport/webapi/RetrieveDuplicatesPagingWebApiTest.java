package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.pipeline.OrganizationService;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import io.rapport.testing.Principals;
import io.rapport.webapi.ApiClient.Response;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * RetrieveDuplicates with Dataverse's PagingInfo (issue 22): {@code PageNumber} from 1 and {@code Count} per page
 * cut the duplicates the rules find, as a salesperson sees them; a bad PagingInfo is a 400.
 */
abstract class RetrieveDuplicatesPagingWebApiTest {

    @OnH2
    static class H2 extends RetrieveDuplicatesPagingWebApiTest {
    }

    @OnPostgres
    static class Postgres extends RetrieveDuplicatesPagingWebApiTest {
    }

    @LocalServerPort
    int port;

    @Autowired
    OrganizationService org;

    ApiClient seller;
    String name;

    @BeforeEach
    void setUp() {
        Principals people = new Principals(org);
        UUID unit = people.businessUnit("Twins", people.rootUnit());
        seller = ApiClient.signedIn(port, people, people.user("twinseller", unit, "Salesperson"));
        name = "Twin " + people.run();
        for (int i = 0; i < 3; i++) {
            Response r = seller.post("accounts", "{\"name\":\"" + name + "\"}");
            assertThat(r.status()).as(r.body()).isEqualTo(204);
        }
    }

    private Response page(String paging) {
        return seller.get("RetrieveDuplicates(BusinessEntity=@e,MatchingEntityName=@m,PagingInfo=@p)?@e="
                + ApiClient.enc("{\"@odata.type\":\"Microsoft.Dynamics.CRM.account\",\"name\":\"" + name + "\"}")
                + "&@m='account'&@p=" + ApiClient.enc(paging));
    }

    @Test
    void pagingInfoCutsTheDuplicatesIntoPages() {
        JsonNode first = page("{\"PageNumber\":1,\"Count\":2}").json().path("value");
        JsonNode second = page("{\"PageNumber\":2,\"Count\":2}").json().path("value");
        JsonNode third = page("{\"PageNumber\":3,\"Count\":2}").json().path("value");
        assertThat(first).hasSize(2);
        assertThat(second).hasSize(1);
        assertThat(third).isEmpty();
        Set<String> ids = new HashSet<>();
        first.forEach(a -> ids.add(a.path("accountid").asText()));
        second.forEach(a -> ids.add(a.path("accountid").asText()));
        assertThat(ids).hasSize(3);
        assertThat(first.get(0).path("@odata.type").asText()).isEqualTo("#Microsoft.Dynamics.CRM.account");
        Response all = seller.get("RetrieveDuplicates(BusinessEntity=@e,MatchingEntityName=@m)?@e="
                + ApiClient.enc("{\"@odata.type\":\"Microsoft.Dynamics.CRM.account\",\"name\":\"" + name + "\"}")
                + "&@m='account'");
        assertThat(all.json().path("value")).hasSize(3);
    }

    @Test
    void aBadPagingInfoIsRefused() {
        Response zero = page("{\"PageNumber\":0,\"Count\":2}");
        assertThat(zero.status()).as(zero.body()).isEqualTo(400);
        assertThat(zero.errorMessage()).isEqualTo("PagingInfo needs a PageNumber of at least 1 and a Count from 1 "
                + "to 5000.");
        Response text = page("{\"PageNumber\":\"one\",\"Count\":2}");
        assertThat(text.status()).as(text.body()).isEqualTo(400);
        assertThat(text.errorMessage()).isEqualTo("PagingInfo.PageNumber must be a whole number.");
        Response huge = page("{\"PageNumber\":1,\"Count\":5001}");
        assertThat(huge.status()).as(huge.body()).isEqualTo(400);
    }
}
