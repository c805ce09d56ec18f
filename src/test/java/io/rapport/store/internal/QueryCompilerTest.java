package io.rapport.store.internal;

import io.rapport.fuzz.FuzzSeed;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.internal.BuiltInSnapshot;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.Order;
import io.rapport.query.QueryContext;
import io.rapport.query.QueryExpression;
import java.math.BigDecimal;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The query compiler's SQL for H2 and PostgreSQL, rendered without a database or a Spring context. */
@AddLifecycleHook(FuzzSeed.class)
class QueryCompilerTest {

    static final MetadataSnapshot SNAPSHOT = BuiltInSnapshot.get();

    static String sql(SQLDialect dialect, QueryExpression q) {
        // the system context sees every row: the row-security SPI must not be asked
        QueryCompiler compiler = new QueryCompiler(SNAPSHOT, QueryContext.system(null), DSL.using(dialect),
                (rule, row) -> {
                    throw new AssertionError("row security asked for " + row);
                });
        return compiler.compile(q).select().getSQL(ParamType.INLINED);
    }

    static QueryExpression employees(Object value) {
        return QueryExpression.from("account").select("name").where(Condition.eq("numberofemployees", value)).build();
    }

    @Test
    void aFilteredOrderedQueryOnBothDatabases() {
        QueryExpression q = QueryExpression.from("account").select("name", "revenue")
                .where(Filter.and(Condition.eq("name", "Contoso"),
                        Condition.of("revenue", ConditionOperator.GREATER_THAN, 10)))
                .orderBy(new Order(null, "name", false)).top(5).build();
        // strings compare case-insensitively as in Dataverse; one row more than the page tells whether more follow;
        // a first page renders no offset
        assertThat(sql(SQLDialect.H2, q)).isEqualTo("select \"r\".\"accountid\" \"c_id\", \"r\".\"versionnumber\" "
                + "\"c_version\", \"r\".\"name\" \"c3\", \"r\".\"revenue\" \"c4\" from \"account\" \"r\" where "
                + "(lower(\"r\".\"name\") = 'contoso' and \"r\".\"revenue\" > 10) order by lower(\"r\".\"name\") asc "
                + "nulls last, \"c_id\" asc fetch next 6 rows only");
        assertThat(sql(SQLDialect.POSTGRES, q)).isEqualTo("select \"r\".\"accountid\" as \"c_id\", \"r\".\"versionnumber\" "
                + "as \"c_version\", \"r\".\"name\" as \"c3\", \"r\".\"revenue\" as \"c4\" from \"account\" as \"r\" "
                + "where (lower(\"r\".\"name\") = 'contoso' and \"r\".\"revenue\" > 10) order by lower(\"r\".\"name\") "
                + "asc nulls last, \"c_id\" asc fetch next 6 rows only");
    }

    @Test
    void valuesOutsideTheColumnAreRefusedNotTruncated() {
        assertThatThrownBy(() -> sql(SQLDialect.H2, employees(3_000_000_000L))).isInstanceOf(RapportException.class)
                .satisfies(e -> assertThat(((RapportException) e).code()).isEqualTo(ErrorCode.QUERY_INVALID))
                .hasMessageContaining("'numberofemployees'").hasMessageContaining("out of range");
        long start = System.nanoTime();
        assertThatThrownBy(() -> sql(SQLDialect.H2, employees(new BigDecimal("1e999999999"))))
                .isInstanceOf(RapportException.class).hasMessageContaining("out of range");
        assertThatThrownBy(() -> sql(SQLDialect.H2, employees(new BigDecimal("1e-999999999"))))
                .isInstanceOf(RapportException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThatThrownBy(() -> sql(SQLDialect.H2, employees("a\0b"))).isInstanceOf(RapportException.class);
    }

    @Provide
    Arbitrary<Object> values() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(30).map(s -> (Object) s),
                Arbitraries.longs().map(l -> (Object) l), Arbitraries.bigDecimals().map(b -> (Object) b),
                Arbitraries.integers().between(-400, 400).map(n -> (Object) BigDecimal.ONE.scaleByPowerOfTen(n)),
                Arbitraries.doubles().map(d -> (Object) d));
    }

    /** The operators that take one value (the parsers guarantee each operator's number of values). */
    @Provide
    Arbitrary<ConditionOperator> operators() {
        return Arbitraries.of(ConditionOperator.EQUAL, ConditionOperator.NOT_EQUAL, ConditionOperator.GREATER_THAN,
                ConditionOperator.GREATER_EQUAL, ConditionOperator.LESS_THAN, ConditionOperator.LESS_EQUAL,
                ConditionOperator.LIKE, ConditionOperator.BEGINS_WITH, ConditionOperator.ENDS_WITH,
                ConditionOperator.CONTAINS, ConditionOperator.IN, ConditionOperator.NOT_IN);
    }

    @Provide
    Arbitrary<String> attributes() {
        return Arbitraries.of("name", "numberofemployees", "revenue", "creditonhold", "createdon", "statecode",
                "accountid", "parentaccountid", "industrycode");
    }

    /** Any value for any attribute compiles to SQL that binds it, or is refused with a Dataverse error. */
    @Property(tries = 500)
    void anyConditionCompilesOrIsRefused(@ForAll("attributes") String attribute, @ForAll("values") Object value,
            @ForAll("operators") ConditionOperator operator) {
        QueryExpression q = QueryExpression.from("account").select("name")
                .where(new Condition(null, attribute, operator, java.util.List.of(value))).build();
        try {
            assertThat(sql(SQLDialect.POSTGRES, q)).startsWith("select");
        } catch (RapportException e) {
            assertThat(e.code().httpStatus()).isEqualTo(400);
        }
    }
}
