package io.rapport.webapi;

import static io.rapport.webapi.ApiClient.enc;
import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.fuzz.FuzzApp;
import io.rapport.fuzz.FuzzSeed;
import io.rapport.fuzz.Hostile;
import io.rapport.webapi.ApiClient.Response;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Fuzz suite on PostgreSQL, where text cannot hold NUL (issue 21 defect 4 answered 500 there): text with NUL,
 * controls and lone surrogates in record values, filters and alternate keys answers 400 with a Dataverse error
 * naming NUL when it holds one, and a refused write changes nothing.
 */
@PropertyDefaults(tries = 50, shrinking = ShrinkingMode.BOUNDED)
@AddLifecycleHook(FuzzSeed.class)
class PostgresNulFuzzTest {

    static ConfigurableApplicationContext app;
    static ApiClient api;

    @BeforeContainer
    static void start() {
        app = FuzzApp.postgres();
        api = new ApiClient(FuzzApp.port(app));
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(Combinators.combine(Hostile.strings(), Hostile.strings())
                .as((a, b) -> a + "\0" + b), Hostile.strings());
    }

    @Property
    void recordValues(@ForAll("text") String value) {
        String before = FuzzApp.state(app, "account");
        Response r = api.post("accounts", "{\"name\":" + Hostile.json("n" + value) + ",\"description\":"
                + Hostile.json(value) + "}");
        assertThat(r.status()).as(() -> FuzzApp.describe(r.body())).isLessThan(500);
        if (value.indexOf('\0') >= 0) {
            assertThat(r.status()).as(r.body()).isEqualTo(400);
            assertThat(r.errorCode()).isEqualTo("0x80040203");
            assertThat(r.errorMessage()).contains("NUL");
        }
        if (r.status() >= 400) {
            assertThat(FuzzApp.state(app, "account")).isEqualTo(before);
        }
    }

    @Property
    void filtersAndKeys(@ForAll("text") String value) {
        String literal = "'" + value.replace("'", "''") + "'";
        Response filter = api.get("accounts?$select=name&$filter=" + enc("name eq " + literal));
        Response key = api.get("accounts(accountnumber=" + enc(literal) + ")");
        for (Response r : new Response[] {filter, key}) {
            assertThat(r.status()).as(() -> FuzzApp.describe(r.body())).isLessThan(500);
            if (value.indexOf('\0') >= 0) {
                assertThat(r.status()).as(r.body()).isEqualTo(400);
                assertThat(r.errorMessage()).contains("NUL");
            }
        }
    }
}
