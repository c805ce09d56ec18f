package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.fuzz.FuzzApp;
import io.rapport.fuzz.FuzzSeed;
import io.rapport.fuzz.Hostile;
import io.rapport.webapi.ApiClient.Response;
import java.util.List;
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
 * Fuzz suite, writes (issue 21): generated JSON bodies for create and update and generated {@code $batch} bodies
 * with hostile values never answer 5xx, and a write that fails leaves the table as it was (same row count, same
 * highest row version). One shared application on H2; {@code -Drapport.fuzz.seed} replays a run.
 */
@PropertyDefaults(tries = 100, shrinking = ShrinkingMode.BOUNDED)
@AddLifecycleHook(FuzzSeed.class)
class WriteFuzzTest {

    static final List<String> ATTRIBUTES = List.of("name", "revenue", "numberofemployees", "industrycode",
            "creditonhold", "description", "accountnumber", "telephone1", "emailaddress1", "statecode",
            "parentaccountid@odata.bind", "primarycontactid@odata.bind", "createdon", "accountid", "versionnumber",
            "numberofcontacts", "creditlimit", "nosuchattribute", "@odata.type");

    static ConfigurableApplicationContext app;
    static ApiClient api;
    static String existing;

    @BeforeContainer
    static void start() {
        app = FuzzApp.h2();
        api = new ApiClient(FuzzApp.port(app));
        Response r = api.post("accounts", "{\"name\":\"Fuzz target\"}");
        assertThat(r.status()).isEqualTo(204);
        existing = ApiClient.idOf(r);
    }

    /** Runs the write and checks it: no 5xx, and a failure changed nothing. */
    static Response write(java.util.function.Supplier<Response> request) {
        String before = FuzzApp.state(app, "account");
        Response r = request.get();
        assertThat(r.status()).as(() -> FuzzApp.describe(r.body())).isLessThan(500);
        if (r.status() >= 400) {
            assertThat(FuzzApp.state(app, "account")).as(r.body()).isEqualTo(before);
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("\"timestamp\"");
        }
        return r;
    }

    @Property
    void creates(@ForAll("body") String body) {
        Response r = write(() -> api.post("accounts", body));
        if (r.status() < 400) {
            assertThat(r.status()).isEqualTo(204);
        } else {
            assertThat(r.errorCode()).as(r.body()).matches("0x8[0-9a-f]{7}");
        }
    }

    @Property
    void updates(@ForAll("body") String body) {
        Response r = write(() -> api.patch("accounts(" + existing + ")", body, "If-Match", "*"));
        if (r.status() >= 400) {
            assertThat(r.errorCode()).as(r.body()).matches("0x8[0-9a-f]{7}");
        }
    }

    @Property
    void batches(@ForAll("batch") String body) {
        // a change set is atomic: when its response is an error the table is unchanged
        String before = FuzzApp.state(app, "account");
        Response r = api.post("$batch", body, "Content-Type", "multipart/mixed; boundary=batch_f");
        assertThat(r.status()).as(() -> FuzzApp.describe(r.body())).isLessThan(500);
        assertThat(r.body()).as(() -> FuzzApp.describe(r.body())).doesNotContain("HTTP/1.1 5")
                .doesNotContain("Exception");
        if (r.status() >= 400 || r.body().contains("HTTP/1.1 4")) {
            assertThat(FuzzApp.state(app, "account")).as(r.body()).isEqualTo(before);
        }
    }

    @Provide
    Arbitrary<String> body() {
        Arbitrary<String> value = Arbitraries.oneOf(Hostile.strings().map(Hostile::json), Hostile.numbers(),
                Hostile.dates().map(Hostile::json), Arbitraries.of("null", "true", "[]", "{}", "[1,2]",
                        "\"/accounts(00000000-0000-0000-0000-000000000000)\"", "\"/nosuch(1)\"", "{\"a\":{\"b\":[]}}"),
                Hostile.depths().map(n -> "[".repeat(n) + "]".repeat(n)));
        Arbitrary<String> pair = Combinators.combine(Hostile.names(ATTRIBUTES), value)
                .as((k, v) -> Hostile.json(k) + ":" + v);
        Arbitrary<String> object = pair.list().ofMaxSize(6).map(l -> "{" + String.join(",", l) + "}");
        return Arbitraries.oneOf(object, object, object, Arbitraries.of("", "{", "[]", "null", "{\"name\":}",
                "{\"name\":\"a\",\"name\":\"b\"}", "\ufeff{}", "{'name':'x'}"), Hostile.strings());
    }

    @Provide
    Arbitrary<String> batch() {
        Arbitrary<String> part = Combinators.combine(Arbitraries.of("POST", "PATCH", "DELETE", "GET", "BREW"),
                Arbitraries.of("accounts", "accounts(" + existing + ")", "nosuch", "accounts(not-an-id)", "$batch",
                        "accounts?$filter=" + "(".repeat(40)), body())
                .as((method, url, json) -> "--changeset_f\r\nContent-Type: application/http\r\n"
                        + "Content-Transfer-Encoding: binary\r\n\r\n" + method + " " + url + " HTTP/1.1\r\n"
                        + "Content-Type: application/json\r\n\r\n" + json + "\r\n");
        Arbitrary<String> changeSet = part.list().ofMinSize(1).ofMaxSize(5).map(parts -> "--batch_f\r\n"
                + "Content-Type: multipart/mixed; boundary=changeset_f\r\n\r\n" + String.join("", parts)
                + "--changeset_f--\r\n--batch_f--\r\n");
        return Arbitraries.oneOf(changeSet, changeSet, changeSet, Arbitraries.of("", "--batch_f--", "--batch_f\r\n",
                "--batch_f\r\nContent-Type: multipart/mixed; boundary=\r\n\r\n--batch_f--"), Hostile.strings());
    }

}
