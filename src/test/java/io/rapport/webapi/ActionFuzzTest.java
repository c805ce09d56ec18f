package io.rapport.webapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.pipeline.ActionCatalog;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.fuzz.FuzzApp;
import io.rapport.fuzz.FuzzSeed;
import io.rapport.fuzz.Hostile;
import io.rapport.testing.AppInstances;
import io.rapport.testing.TestDatabases;
import io.rapport.webapi.ApiClient.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.PropertyDefaults;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Fuzz suite, actions and functions: every unbound action and function of the catalog, called by the administrator
 * with generated parameters (known names, near misses and garbage; values of the declared type, of another type, or
 * hostile: huge numbers, impossible dates, control characters, deep nesting, bogus record references), never
 * answers 5xx, and an error is a Dataverse error (its code, no exception text). Bound operations are reached through
 * the entity routes the write and query fuzz suites cover. Runs on an application of its own on H2, since generated
 * calls may change organization-wide state (options, roles, jobs). {@code -Drapport.fuzz.seed} replays a run.
 */
@PropertyDefaults(tries = 150, shrinking = ShrinkingMode.BOUNDED)
@AddLifecycleHook(FuzzSeed.class)
class ActionFuzzTest {

    static ConfigurableApplicationContext app;
    static ApiClient api;
    static List<ActionDefinition> operations;

    @BeforeContainer
    static void start() {
        Map<String, String> props = new HashMap<>(TestDatabases.h2());
        props.put("rapport.webapi.rate-limit-requests", "1000000");
        app = AppInstances.start(props);
        FuzzApp.watch();
        api = new ApiClient(FuzzApp.port(app));
        operations = app.getBean(ActionCatalog.class).definitions().stream().filter(d -> d.boundEntity() == null)
                .sorted(Comparator.comparing(ActionDefinition::name)).toList();
        assertThat(operations).as("unbound operations in the catalog").hasSizeGreaterThan(40);
    }

    @AfterContainer
    static void stop() {
        if (app != null) {
            app.close();
            // the class stays loaded for the rest of the test JVM, and so would the closed context in its field
            app = null;
        }
    }

    @Property
    void anOperationCalledWithGeneratedParametersAnswersBelow500WithADataverseError(
            @ForAll("call") Call call) {
        Response r = call.send();
        assertThat(r.status()).as(() -> call + " -> " + FuzzApp.describe(r.body())).isLessThan(500);
        assertThat(r.body()).as(call::toString).doesNotContain("Exception").doesNotContain("\"timestamp\"");
        if (r.status() >= 400 && r.status() != 405) {
            assertThat(r.errorCode()).as(() -> call + " -> " + r.body()).matches("0x8[0-9a-f]{7}");
        }
    }

    /** One call: the operation and its parameters as JSON values by name. */
    record Call(ActionDefinition operation, Map<String, String> parameters) {

        Response send() {
            if (!operation.function()) {
                StringBuilder body = new StringBuilder("{");
                parameters.forEach((name, value) -> body.append(body.length() > 1 ? "," : "")
                        .append(Hostile.json(name)).append(':').append(value));
                return api.post(operation.name(), body.append('}').toString());
            }
            List<String> declared = new ArrayList<>();
            StringBuilder aliases = new StringBuilder();
            int i = 0;
            for (Map.Entry<String, String> p : parameters.entrySet()) {
                i++;
                declared.add(encode(p.getKey()) + "=@p" + i);
                aliases.append("&@p").append(i).append('=').append(encode(p.getValue()));
            }
            return api.get(operation.name() + "(" + String.join(",", declared) + ")"
                    + (aliases.length() == 0 ? "" : "?" + aliases.substring(1)));
        }

        private static String encode(String s) {
            return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
        }

        @Override
        public String toString() {
            return (operation.function() ? "GET " : "POST ") + operation.name() + " " + parameters;
        }
    }

    @Provide
    Arbitrary<Call> call() {
        return Arbitraries.of(operations).flatMap(op -> {
            List<Arbitrary<Map.Entry<String, String>>> parts = new ArrayList<>();
            for (Parameter p : op.parameters()) {
                // each declared parameter: mostly sent, with a value of its type, of another or hostile
                Arbitrary<String> value = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, typed(p)),
                        net.jqwik.api.Tuple.of(3, anyValue()));
                Arbitrary<String> name = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(12, Arbitraries.just(p.name())),
                        net.jqwik.api.Tuple.of(1, Arbitraries.just(p.name().toLowerCase())));
                parts.add(Combinators.combine(name, value).as(Map::entry).injectNull(p.optional() ? 0.3 : 0.1));
            }
            // sometimes a parameter the operation does not have
            parts.add(Combinators.combine(Hostile.strings().filter(s -> !s.isEmpty()), anyValue()).as(Map::entry)
                    .injectNull(0.85));
            return Combinators.combine(parts).as(entries -> {
                Map<String, String> parameters = new java.util.LinkedHashMap<>();
                entries.stream().filter(e -> e != null).forEach(e -> parameters.putIfAbsent(e.getKey(), e.getValue()));
                return new Call(op, parameters);
            });
        });
    }

    /** A value of the parameter's declared type, often hostile within that type. */
    private static Arbitrary<String> typed(Parameter p) {
        String type = p.type();
        return switch (type) {
            case "String" -> Hostile.strings().map(Hostile::json);
            case "Int32", "Int64", "Decimal", "Money", "Double" -> Hostile.numbers();
            case "Boolean" -> Arbitraries.of("true", "false", "\"true\"", "0", "1");
            case "DateTime" -> Hostile.dates().map(Hostile::json);
            case "Guid" -> Arbitraries.of("\"00000000-0000-0000-0000-000000000000\"", "\"not-a-guid\"",
                    "\"{01a23fc6-124d-7089-889d-d4521de06f28}\"", "\"01a23fc6-124d-7089-889d-d4521de06f28\"");
            default -> type.startsWith("Collection(") || type.endsWith("Array") || type.equals("EntityCollection")
                    ? Arbitraries.oneOf(references().list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"),
                            anyValue().list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"))
                    : Arbitraries.oneOf(references(), objects());
        };
    }

    /** Record references as Dataverse writes them, to records that exist, do not, or cannot. */
    private static Arbitrary<String> references() {
        Arbitrary<String> entity = Arbitraries.of("account", "contact", "systemuser", "role", "team", "quote",
                "incident", "list", "nosuch", "");
        Arbitrary<String> id = Arbitraries.of("00000000-0000-0000-0000-000000000000", "not-a-guid", "",
                "01a23fc6-124d-7089-889d-d4521de06f28");
        return Combinators.combine(entity, id, Arbitraries.integers().between(0, 2)).as((e, i, shape) -> switch (shape) {
            case 0 -> "{\"@odata.type\":\"Microsoft.Dynamics.CRM." + e + "\",\"" + e + "id\":\"" + i + "\"}";
            case 1 -> "{\"@odata.id\":\"" + e + "s(" + i + ")\"}";
            default -> "{\"" + e + "id\":\"" + i + "\",\"name\":" + Hostile.json(i) + "}";
        });
    }

    /** Objects and nesting of every depth. */
    private static Arbitrary<String> objects() {
        return Arbitraries.oneOf(Arbitraries.of("{}", "{\"a\":{\"b\":[]}}", "{\"@odata.type\":\"#nosuch\"}",
                "{\"EntityName\":\"account\",\"Criteria\":{\"Conditions\":[{}]}}", "{\"LocalizedLabels\":[{}]}"),
                Hostile.depths().map(n -> "{\"a\":".repeat(n) + "1" + "}".repeat(n)));
    }

    /** Any JSON value, of any type. */
    private static Arbitrary<String> anyValue() {
        return Arbitraries.oneOf(Hostile.strings().map(Hostile::json), Hostile.numbers(),
                Hostile.dates().map(Hostile::json), Arbitraries.of("null", "true", "[]", "{}", "[1,2]"), references(),
                objects(), Hostile.depths().map(n -> "[".repeat(n) + "]".repeat(n)));
    }
}
