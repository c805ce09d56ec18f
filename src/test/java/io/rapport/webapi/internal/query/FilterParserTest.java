package io.rapport.webapi.internal.query;

import io.rapport.fuzz.FuzzSeed;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.internal.BuiltInSnapshot;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.LinkFilter;
import io.rapport.query.QueryLimits;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The OData {@code $filter} parser on the built-in metadata, without a Spring context. */
@AddLifecycleHook(FuzzSeed.class)
class FilterParserTest {

    static final MetadataSnapshot SNAPSHOT = BuiltInSnapshot.get();
    static final EntityMetadata ACCOUNT = SNAPSHOT.entity("account");

    static Filter parse(String filter) {
        return FilterParser.parse(SNAPSHOT, ACCOUNT, filter, Map.of(), QueryLimits.defaults());
    }

    static void refused(String filter, ErrorCode code, String message) {
        assertThatThrownBy(() -> parse(filter)).isInstanceOf(RapportException.class)
                .hasMessage(message).satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(code));
    }

    @Test
    void comparisonsBecomeConditionsWithTypedValues() {
        assertThat(parse("name eq 'Contoso'")).isEqualTo(new Condition(null, "name", ConditionOperator.EQUAL,
                List.of("Contoso")));
        assertThat(parse("statecode eq 0")).isEqualTo(new Condition(null, "statecode", ConditionOperator.EQUAL,
                List.of(0)));
        assertThat(parse("_parentaccountid_value eq null")).isEqualTo(new Condition(null, "parentaccountid",
                ConditionOperator.NULL, List.of()));
        assertThat(parse("revenue gt 1000.5 and numberofemployees le 10")).isEqualTo(new Filter.Group(
                Filter.Logical.AND, List.of(new Condition(null, "revenue", ConditionOperator.GREATER_THAN,
                        List.of(new BigDecimal("1000.5"))), new Condition(null, "numberofemployees",
                        ConditionOperator.LESS_EQUAL, List.of(10))), false));
    }

    @Test
    void notFunctionsAndQueryFunctions() {
        assertThat(parse("not (startswith(name,'A') or createdon ge 2020-01-31)")).isEqualTo(new Filter.Group(
                Filter.Logical.AND, List.of(new Filter.Group(Filter.Logical.OR, List.of(
                        new Condition(null, "name", ConditionOperator.BEGINS_WITH, List.of("A")),
                        new Condition(null, "createdon", ConditionOperator.GREATER_EQUAL,
                                List.of(LocalDate.of(2020, 1, 31)))), false)), true));
        assertThat(parse("Microsoft.Dynamics.CRM.LastXDays(PropertyName='createdon',PropertyValue=3)"))
                .isEqualTo(new Condition(null, "createdon", ConditionOperator.LAST_X_DAYS, List.of(3)));
    }

    @Test
    void lambdasBecomeLinkFilters() {
        assertThat(parse("contact_customer_accounts/any(c:c/fullname eq 'x')")).isEqualTo(new LinkFilter(
                LinkFilter.Kind.ANY, "contact", "parentcustomerid", "accountid", new Condition(null, "fullname",
                        ConditionOperator.EQUAL, List.of("x"))));
    }

    @Test
    void syntaxErrorsSayWhereAndWhat() {
        refused("name eq", ErrorCode.ODATA_SYNTAX_ERROR,
                "Syntax error at position 7 in 'name eq': the expression ends too early.");
        refused("name eq 'x' or", ErrorCode.ODATA_SYNTAX_ERROR,
                "Syntax error at position 14 in 'name eq 'x' or': the expression ends too early.");
        refused("(name eq 'x'", ErrorCode.ODATA_SYNTAX_ERROR,
                "Syntax error at position 12 in '(name eq 'x'': expected ')' but found the end.");
        refused("nosuch eq 1", ErrorCode.ATTRIBUTE_NOT_FOUND,
                "Could not find a property named 'nosuch' on type 'Microsoft.Dynamics.CRM.account'.");
    }

    @Test
    void nestingPastTheLimitIsRefusedBeforeTheStackRunsOut() {
        assertThatThrownBy(() -> parse("(".repeat(3000) + "name eq 'x'" + ")".repeat(3000)))
                .isInstanceOf(RapportException.class).hasMessageContaining("nested more than 32 levels deep")
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.ODATA_SYNTAX_ERROR));
        assertThatThrownBy(() -> parse("not ".repeat(5000) + "name eq 'x'"))
                .isInstanceOf(RapportException.class).hasMessageContaining("nested more than 32 levels deep");
        assertThat(parse("(".repeat(32) + "name eq 'x'" + ")".repeat(32))).isEqualTo(new Condition(null, "name",
                ConditionOperator.EQUAL, List.of("x")));
    }

    @Provide
    Arbitrary<String> text() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(40), Arbitraries.strings()
                .withChars("nameqtlgdorv()' ,/0123456789.-:_$@").ofMaxLength(40));
    }

    /** Any input gives a filter or a Dataverse error: never another exception. */
    @Property(tries = 500)
    void randomInputIsAFilterOrADataverseError(@ForAll("text") String input) {
        try {
            assertThat(parse(input)).isNotNull();
        } catch (RapportException e) {
            assertThat(e.code().httpStatus()).isEqualTo(400);
            assertThat(e.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> textWithoutNul() {
        return text().filter(s -> s.indexOf('\0') < 0);
    }

    /** A string literal survives quoting: the condition holds exactly the text. */
    @Property(tries = 300)
    void stringLiteralsRoundTrip(@ForAll("textWithoutNul") String value) {
        assertThat(parse("name eq '" + value.replace("'", "''") + "'")).isEqualTo(new Condition(null, "name",
                ConditionOperator.EQUAL, List.of(value)));
    }
}
