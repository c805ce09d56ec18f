package io.rapport.pipeline.internal;

import io.rapport.fuzz.FuzzSeed;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.internal.BuiltInSnapshot;
import java.math.BigDecimal;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** Validation and normalization of record values on the built-in metadata, without a Spring context or database. */
@AddLifecycleHook(FuzzSeed.class)
class RecordValidatorTest {

    static final MetadataSnapshot SNAPSHOT = BuiltInSnapshot.get();
    static final EntityMetadata ACCOUNT = SNAPSHOT.entity("account");
    // lookups are not exercised here: they are the only values that read the store
    final RecordValidator validator = new RecordValidator(null);

    Object normalize(String attribute, Object value) {
        return validator.normalize(SNAPSHOT, ACCOUNT, ACCOUNT.attribute(attribute), value);
    }

    void refused(String attribute, Object value, ErrorCode code, String message) {
        assertThatThrownBy(() -> normalize(attribute, value)).isInstanceOf(RapportException.class)
                .hasMessage(message).satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(code));
    }

    @Test
    void validValuesAreNormalized() {
        assertThat(normalize("name", "Contoso")).isEqualTo("Contoso");
        assertThat(normalize("name", "")).isNull();
        assertThat(normalize("numberofemployees", 10)).isEqualTo(10);
        assertThat(normalize("numberofemployees", new BigDecimal("12"))).isEqualTo(12);
        assertThat(normalize("revenue", new BigDecimal("12.345"))).isEqualTo(new BigDecimal("12.35"));
        assertThat(normalize("revenue", 7)).isEqualTo(new BigDecimal("7.00"));
        assertThat(normalize("creditonhold", true)).isEqualTo(true);
        assertThat(normalize("emailaddress1", "a@b.co")).isEqualTo("a@b.co");
    }

    @Test
    void invalidValuesGetExactErrors() {
        refused("name", "x".repeat(161), ErrorCode.STRING_TOO_LONG, "A validation error occurred. The length of the "
                + "'name' attribute of the 'account' entity exceeded the maximum allowed length of '160'.");
        refused("name", "a\0b", ErrorCode.INVALID_ARGUMENT, "The value of 'name' on 'account' contains a NUL "
                + "character (U+0000), which text cannot hold.");
        refused("name", 5, ErrorCode.INVALID_TYPE, "The value '5' (Integer) is not valid for the attribute 'name' of "
                + "'account', which is of type String.");
        refused("numberofemployees", 3_000_000_000L, ErrorCode.VALUE_OUT_OF_RANGE, "The value 3000000000 of "
                + "'numberofemployees' on 'account' is outside the allowed range (0 to 1000000000).");
        refused("numberofemployees", -1, ErrorCode.VALUE_OUT_OF_RANGE, "The value -1 of 'numberofemployees' on "
                + "'account' is outside the allowed range (0 to 1000000000).");
        refused("creditonhold", "yes", ErrorCode.INVALID_TYPE, "The value 'yes' (String) is not valid for the "
                + "attribute 'creditonhold' of 'account', which is of type Boolean.");
        refused("emailaddress1", "not-an-email", ErrorCode.INVALID_ARGUMENT, "'not-an-email' is not a valid email "
                + "address for 'emailaddress1'.");
    }

    @Test
    void extremeExponentsAreDecidedWithoutRounding() {
        // setScale on 1E+9999999 or 1E-9999999 ran for minutes before
        long start = System.nanoTime();
        refused("revenue", new BigDecimal("1e9999999"), ErrorCode.VALUE_OUT_OF_RANGE, "The value 1E+9999999 of "
                + "'revenue' on 'account' is outside the allowed range (0 to 100000000000000).");
        assertThat(normalize("revenue", new BigDecimal("1e-9999999"))).isEqualTo(new BigDecimal("0.00"));
        assertThat(normalize("revenue", new BigDecimal("0e-99999999"))).isEqualTo(new BigDecimal("0.00"));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(200).map(s -> (Object) s),
                Arbitraries.integers().map(i -> (Object) i), Arbitraries.longs().map(l -> (Object) l),
                Arbitraries.bigDecimals().map(b -> (Object) b), Arbitraries.of(true, false).map(b -> (Object) b),
                Arbitraries.integers().between(-40, 40).map(n -> (Object) BigDecimal.ONE.scaleByPowerOfTen(n)),
                Arbitraries.doubles().map(d -> (Object) d));
    }

    @Provide
    Arbitrary<String> attributes() {
        return Arbitraries.of("name", "description", "numberofemployees", "revenue", "creditonhold",
                "emailaddress1", "industrycode", "createdon", "statecode", "statuscode", "accountid");
    }

    /** Any value for any non-lookup attribute is normalized or refused with a Dataverse error, nothing else. */
    @Property(tries = 1000)
    void anyValueIsNormalizedOrRefusedWithADataverseError(@ForAll("attributes") String attribute,
            @ForAll("values") Object value) {
        try {
            Object result = normalize(attribute, value);
            Object again = normalize(attribute, result);
            assertThat(again).isEqualTo(result);
        } catch (RapportException e) {
            assertThat(e.code().httpStatus()).isEqualTo(400);
            assertThat(e.getMessage()).contains(attribute);
        }
    }
}
