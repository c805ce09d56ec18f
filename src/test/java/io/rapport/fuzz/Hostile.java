package io.rapport.fuzz;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of hostile values: huge and malformed numbers, impossible dates, NUL and control characters, lone
 * surrogates, very long strings and deep nesting, mixed with ordinary values so that inputs also get past the
 * first check.
 */
public final class Hostile {

    private Hostile() {
    }

    /** Numbers as text: out of every range, malformed, special. */
    public static Arbitrary<String> numbers() {
        return Arbitraries.oneOf(
                Arbitraries.of("1e400", "-1e400", "99999999999999999999999", "-99999999999999999999999", "3000000000",
                        "NaN", "INF", "-INF", "Infinity", "0x10", "1_000", "1.2.3", "--1", "+-0", "1e", ".", "-0",
                        "0.0000000000000000000000000000001", "1E-400", "2147483648", "-2147483649",
                        "9223372036854775808", "100000000000001", "12,5", "١٢٣", "1e99999999", "1e-99999999",
                        "0e-99999999", "1e9999999999"),
                Arbitraries.bigIntegers().between(new java.math.BigInteger("-1" + "0".repeat(40)),
                        new java.math.BigInteger("1" + "0".repeat(40))).map(Object::toString),
                Arbitraries.doubles().map(d -> Double.toString(d)),
                Arbitraries.integers().map(Object::toString));
    }

    /** Dates and date-times as text, many of them impossible. */
    public static Arbitrary<String> dates() {
        Arbitrary<String> shaped = Combinators.combine(Arbitraries.integers().between(-1, 99999),
                Arbitraries.integers().between(-1, 99), Arbitraries.integers().between(-1, 99))
                .as((y, m, d) -> String.format("%04d-%02d-%02d", y, m, d));
        return Arbitraries.oneOf(shaped, shaped.map(s -> s + "T25:61:61Z"), shaped.map(s -> s + "T00:00:00+99:00"),
                Arbitraries.of("2020-13-45", "0000-00-00", "9999-12-31T23:59:60Z", "2020-02-30", "yesterday-ish",
                        "1970-01-01T00:00:00.0000000000001Z", "-000001-01-01", "+10000-01-01", "2020-1-1",
                        "2020-01-01T00:00:00", "garbage"));
    }

    /** Text with NUL, controls, lone surrogates, bidi marks, quotes, markup and the occasional very long run. */
    public static Arbitrary<String> strings() {
        Arbitrary<String> nasty = Arbitraries.strings().withChars('\0', '\u0001', '\u001b', '\u007f', '\n', '\r',
                '\t', '\ud800', '\udfff', '\u202e', '\ufeff', '\'', '"', '\\', '<', '>', '&', '%', '=', ',', ';', '(',
                ')', '$', '@', '/').ofMaxLength(20);
        Arbitrary<String> any = Arbitraries.strings().all().ofMaxLength(30);
        Arbitrary<String> plain = Arbitraries.strings().alpha().numeric().withChars(' ').ofMaxLength(20);
        Arbitrary<String> longRun = Arbitraries.integers().between(161, 5_000).map(n -> "x".repeat(n));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, nasty), net.jqwik.api.Tuple.of(3, any), net.jqwik.api.Tuple.of(3, plain),
                net.jqwik.api.Tuple.of(1, longRun),
                net.jqwik.api.Tuple.of(1, Combinators.combine(plain, nasty).as(String::concat)));
    }

    /** Any hostile scalar as text. */
    public static Arbitrary<String> scalars() {
        return Arbitraries.oneOf(numbers(), dates(), strings());
    }

    /** A name from the list, a near miss, or garbage. */
    public static Arbitrary<String> names(List<String> known) {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.of(known)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(known).map(String::toUpperCase)),
                net.jqwik.api.Tuple.of(1, strings()));
    }

    /** How deep a generated nesting goes: mostly shallow, sometimes far past every limit. */
    public static Arbitrary<Integer> depths() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0, 5)),
                net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(20, 40)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(1000, 6000)));
    }

    /** A JSON string literal for the text (escaping as JSON does, lone surrogates as \\u escapes). */
    public static String json(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20 || Character.isSurrogate(c) || c == 0x7f) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }
}
