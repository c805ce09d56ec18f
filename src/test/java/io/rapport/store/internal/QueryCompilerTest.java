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

    /** A salesperson's access: owned by the user or shared with them, split into those two disjoint parts. */
    private static final java.util.UUID USER = java.util.UUID.fromString("00000000-0000-0000-0000-000000000001");
    private static final io.rapport.store.RowSecuritySql OWN_OR_SHARED = new io.rapport.store.RowSecuritySql() {
        @Override
        public org.jooq.Condition readable(io.rapport.query.RecordAccess.AccessRule rule, SecuredRow row) {
            return row.owner().eq(USER).or(row.id().in(DSL.select(DSL.field(DSL.name("s", "objectid"),
                    java.util.UUID.class)).from(DSL.table(DSL.name("s")))));
        }

        @Override
        public java.util.List<org.jooq.Condition> readableParts(io.rapport.query.RecordAccess.AccessRule rule,
                SecuredRow row) {
            return java.util.List.of(row.owner().eq(USER), row.id().in(DSL.select(DSL.field(DSL.name("s",
                    "objectid"), java.util.UUID.class)).from(DSL.table(DSL.name("s")))).and(row.owner().ne(USER)));
        }
    };

    private static String securedSql(SQLDialect dialect, QueryExpression q) {
        io.rapport.query.RecordAccess.AccessRule rule = new io.rapport.query.RecordAccess.AccessRule(false,
                java.util.Set.of(USER), java.util.Set.of(), java.util.Set.of(USER));
        QueryContext ctx = new QueryContext(USER, null, java.util.Set.of(), null, null, entity -> rule);
        return new QueryCompiler(SNAPSHOT, ctx, DSL.using(dialect), OWN_OR_SHARED).compile(q).select()
                .getSQL(ParamType.INLINED);
    }

    /**
     * Issue 19: on PostgreSQL a row-secured page sorted by name is one statement over the union of the access parts,
     * each the whole query (criteria, columns) in the page's order cut after the page (here page 2 of 10: 21 rows),
     * merged by the sort keys carried as columns and cut once; H2, and pages not sorted by name, keep the plain
     * condition.
     */
    @Test
    void aRowSecuredPageSortedByNameIsTheMergedUnionOfItsAccessPartsOnPostgres() {
        QueryExpression q = QueryExpression.from("account").select("name")
                .where(Condition.of("revenue", ConditionOperator.GREATER_THAN, 10))
                .orderBy(new Order(null, "name", false)).paging(io.rapport.query.PagingInfo.page(2, 10)).build();
        String part = "select \"r\".\"accountid\" as \"c_id\", \"r\".\"versionnumber\" as \"c_version\", "
                + "\"r\".\"name\" as \"c3\", lower(\"r\".\"name\") as \"c_o1\" from \"account\" as \"r\" where "
                + "(\"r\".\"revenue\" > 10 and %s) order by lower(\"r\".\"name\") asc nulls last, "
                + "\"r\".\"accountid\" asc fetch next 21 rows only";
        String shared = "\"r\".\"accountid\" in (select \"s\".\"objectid\" from \"s\")";
        String user = "cast('00000000-0000-0000-0000-000000000001' as uuid)";
        assertThat(securedSql(SQLDialect.POSTGRES, q)).isEqualTo("select \"c_id\", \"c_version\", \"c3\" from (("
                + part.formatted("\"r\".\"ownerid\" = " + user)
                + ") union all ("
                + part.formatted(shared + " and \"r\".\"ownerid\" <> " + user)
                + ")) as \"m\" order by \"c_o1\" asc nulls last, \"c_id\" asc offset 10 rows fetch next 11 rows only");
        assertThat(securedSql(SQLDialect.H2, q)).isEqualTo("select \"r\".\"accountid\" \"c_id\", "
                + "\"r\".\"versionnumber\" \"c_version\", \"r\".\"name\" \"c3\" from \"account\" \"r\" where "
                + "((\"r\".\"ownerid\" = '00000000-0000-0000-0000-000000000001' or " + shared + ") and "
                + "\"r\".\"revenue\" > 10) order by lower(\"r\".\"name\") asc nulls last, \"c_id\" asc "
                + "offset 10 rows fetch next 11 rows only");
        QueryExpression byRevenue = QueryExpression.from("account").select("name")
                .orderBy(new Order(null, "revenue", false)).top(5).build();
        // another order reads the plain condition: the (ownerid, lower(name)) index would not give it
        assertThat(securedSql(SQLDialect.POSTGRES, byRevenue)).isEqualTo("select \"r\".\"accountid\" as \"c_id\", "
                + "\"r\".\"versionnumber\" as \"c_version\", \"r\".\"name\" as \"c3\" from \"account\" as \"r\" "
                + "where (\"r\".\"ownerid\" = " + user + " or " + shared + ") order by \"r\".\"revenue\" asc nulls "
                + "last, \"c_id\" asc fetch next 6 rows only");
    }
}
