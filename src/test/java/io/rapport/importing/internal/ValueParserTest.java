package io.rapport.importing.internal;

import io.rapport.fuzz.FuzzSeed;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.internal.BuiltInSnapshot;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Reading import cells into attribute values, in English and Spanish conventions, without a Spring context. */
@AddLifecycleHook(FuzzSeed.class)
class ValueParserTest {

    static final EntityMetadata ACCOUNT = BuiltInSnapshot.get().entity("account");
    final ValueParser en = new ValueParser("en", ZoneId.of("UTC"));
    final ValueParser es = new ValueParser("es", ZoneId.of("UTC"));

    static AttributeMetadata a(String name) {
        return ACCOUNT.attribute(name);
    }

    void bad(ValueParser p, String attribute, String raw, String message) {
        assertThatThrownBy(() -> p.parse(a(attribute), raw)).isInstanceOf(ValueParser.BadValue.class)
                .hasMessage(message);
    }

    @Test
    void numbersInEitherConvention() throws Exception {
        assertThat(en.parse(a("numberofemployees"), "1,200")).isEqualTo(1200);
        assertThat(es.parse(a("numberofemployees"), "1.200")).isEqualTo(1200);
        assertThat(en.parse(a("revenue"), "$1,234.50")).isEqualTo(new BigDecimal("1234.50"));
        assertThat(es.parse(a("revenue"), "1.234,5")).isEqualTo(new BigDecimal("1234.5"));
        assertThat(en.parse(a("revenue"), "3,5")).isEqualTo(new BigDecimal("3.5"));
        bad(en, "numberofemployees", "12.5", "'12.5' is not a whole number");
        bad(en, "revenue", "abc", "'abc' is not a number");
        bad(en, "numberofemployees", "99999999999", "'99999999999' is too large");
    }

    @Test
    void extremeExponentsAreRefusedAtOnce() {
        // converting 1e99999999 to an integer ran for minutes before
        long start = System.nanoTime();
        bad(en, "numberofemployees", "1e99999999", "'1e99999999' is too large");
        bad(en, "numberofemployees", "1e-99999999", "'1e-99999999' is not a whole number");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void yesNoChoicesDatesAndIds() throws Exception {
        assertThat(en.parse(a("creditonhold"), "Yes")).isEqualTo(true);
        assertThat(es.parse(a("creditonhold"), "no")).isEqualTo(false);
        bad(en, "creditonhold", "maybe", "'maybe' is not yes or no");
        assertThat(en.parse(a("industrycode"), "Accounting")).isEqualTo(1);
        assertThat(en.parse(a("industrycode"), "1")).isEqualTo(1);
        bad(en, "industrycode", "Nope", "'Nope' is not one of the choices of Industry");
        // failed the whole import with a NumberFormatException before
        bad(en, "industrycode", "-9999999999999999999999999999999999999999", "'-9999999999999999999999999999999999999999' "
                + "is not one of the choices of Industry");
        assertThat(en.parse(a("createdon"), "2027-03-31T10:15:00Z")).isEqualTo(Instant.parse("2027-03-31T10:15:00Z"));
        assertThat(en.parse(a("createdon"), "12/31/2027")).isEqualTo(Instant.parse("2027-12-31T00:00:00Z"));
        assertThat(es.parse(a("createdon"), "31/12/2027")).isEqualTo(Instant.parse("2027-12-31T00:00:00Z"));
        bad(en, "createdon", "2020-13-45", "'2020-13-45' is not a date");
        assertThat(en.parse(a("name"), "  padded  ")).isEqualTo("padded");
        assertThat(en.parse(a("accountid"), "{00000000-0000-0000-0000-000000000001}"))
                .isEqualTo(UUID.fromString("00000000-0000-0000-0000-000000000001"));
        bad(en, "accountid", "nope", "'nope' is not an id");
    }

    @Provide
    Arbitrary<String> cells() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(30),
                Arbitraries.strings().withChars("0123456789.,-+eE$€ /:T").ofMaxLength(25));
    }

    @Provide
    Arbitrary<String> attributes() {
        return Arbitraries.of("name", "numberofemployees", "revenue", "creditonhold", "createdon", "industrycode",
                "accountid", "statecode");
    }

    /** Any cell for any non-lookup column is read or refused as a bad value with a message, nothing else. */
    @Property(tries = 1000)
    void anyCellIsReadOrABadValue(@ForAll("attributes") String attribute, @ForAll("cells") String cell) {
        for (ValueParser p : new ValueParser[] {en, es}) {
            try {
                p.parse(a(attribute), cell);
            } catch (ValueParser.BadValue e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
    }
}
