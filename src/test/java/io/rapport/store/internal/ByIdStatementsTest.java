package io.rapport.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.metadata.MetadataSnapshot;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryContext;
import io.rapport.query.QueryExpression;
import io.rapport.query.RecordAccess.AccessRule;
import io.rapport.store.RowSecuritySql;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Reads by primary key compiled once per shape: the same SQL and row access as a compile per read, each read bound
 * to its own id, and a new shape for another caller's access rule or other columns.
 */
class ByIdStatementsTest {

    static final MetadataSnapshot SNAPSHOT = QueryCompilerTest.SNAPSHOT;
    static final UUID OWNER = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final AccessRule OWN = new AccessRule(false, Set.of(OWNER), Set.of(), Set.of());
    /** Row security as the security module writes it for an owner rule: the owner column among the ids. */
    static final RowSecuritySql ROWS = (rule, row) -> rule.all() ? DSL.noCondition() : row.owner().in(rule.ownerIds());

    private final ByIdStatements statements = new ByIdStatements();

    static QueryExpression byId(UUID id, String... columns) {
        return QueryExpression.from("account").columns(ColumnSet.of(columns))
                .where(Condition.eq("accountid", id)).top(1).build();
    }

    static QueryContext as(AccessRule rule) {
        return new QueryContext(OWNER, null, Set.of(), null, null, entity -> rule);
    }

    private ByIdStatements.Shape shape(DSLContext dsl, QueryExpression q, QueryContext ctx) {
        return statements.shape(SNAPSHOT, q, ctx, () -> new QueryCompiler(SNAPSHOT, ctx, dsl, ROWS));
    }

    @Test
    void onlyAReadByPrimaryKeyAndNothingElseHasAnId() {
        UUID id = UUID.randomUUID();
        assertThat(ByIdStatements.idOf(SNAPSHOT, byId(id, "name"))).contains(id);
        assertThat(ByIdStatements.idOf(SNAPSHOT, QueryExpression.from("account").select("name")
                .where(Condition.eq("parentaccountid", id)).top(1).build())).isEmpty();
        assertThat(ByIdStatements.idOf(SNAPSHOT, QueryExpression.from("account").select("name")
                .where(Condition.of("accountid", ConditionOperator.IN, id, UUID.randomUUID())).build())).isEmpty();
        assertThat(ByIdStatements.idOf(SNAPSHOT, QueryExpression.from("account").select("name")
                .where(Condition.eq("accountid", id)).distinct(true).build())).isEmpty();
        assertThat(ByIdStatements.idOf(SNAPSHOT, QueryExpression.from("account").select("name")
                .where(Condition.eq("accountid", id)).paging(new io.rapport.query.PagingInfo(1, 5, null, false))
                .build())).isEmpty();
    }

    @Test
    void oneShapeServesEveryIdWithTheSqlOfACompilePerRead() {
        DSLContext dsl = DSL.using(SQLDialect.POSTGRES);
        UUID first = UUID.randomUUID();
        UUID second = UUID.randomUUID();
        ByIdStatements.Shape a = shape(dsl, byId(first, "name", "revenue"), as(OWN));
        ByIdStatements.Shape b = shape(dsl, byId(second, "name", "revenue"), as(OWN));
        assertThat(b).isSameAs(a);
        var compiled = new QueryCompiler(SNAPSHOT, as(OWN), dsl, ROWS).compile(byId(second, "name", "revenue"))
                .select();
        assertThat(a.sql()).isEqualTo(compiled.getSQL());
        Object[] bound = a.binds().clone();
        bound[a.idIndex()] = second;
        assertThat(bound).containsExactlyElementsOf(compiled.getBindValues());
        // the caller's row access is in the SQL and its binds: the owner's id, then the record's, then the limit
        assertThat(a.sql()).isEqualTo("select \"r\".\"accountid\" as \"c_id\", \"r\".\"versionnumber\" as "
                + "\"c_version\", \"r\".\"name\" as \"c3\", \"r\".\"revenue\" as \"c4\" from \"account\" as \"r\" "
                + "where (\"r\".\"ownerid\" in (cast(? as uuid)) and \"r\".\"accountid\" = cast(? as uuid)) "
                + "order by \"c_id\" asc fetch next ? rows only");
        assertThat(List.of(a.binds())).hasSize(3).startsWith(OWNER);
        assertThat(a.idIndex()).isEqualTo(1);
    }

    @Test
    void anotherAccessRuleColumnSetOrSnapshotIsAnotherShape() {
        DSLContext dsl = DSL.using(SQLDialect.POSTGRES);
        UUID id = UUID.randomUUID();
        ByIdStatements.Shape own = shape(dsl, byId(id, "name"), as(OWN));
        ByIdStatements.Shape all = shape(dsl, byId(id, "name"), as(AccessRule.ALL));
        assertThat(all).isNotSameAs(own);
        assertThat(all.sql()).doesNotContain("ownerid");
        AccessRule other = new AccessRule(false, Set.of(UUID.randomUUID()), Set.of(), Set.of());
        assertThat(shape(dsl, byId(id, "name"), as(other)).binds()[0]).isEqualTo(other.ownerIds().iterator().next());
        assertThat(shape(dsl, byId(id, "name", "revenue"), as(OWN))).isNotSameAs(own);
        assertThat(shape(dsl, byId(UUID.randomUUID(), "name"), as(OWN))).isSameAs(own);
    }

    @Test
    void aReadBindsItsOwnIdAndKeepsTheRowAccess() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:byid" + UUID.randomUUID())) {
            DSLContext dsl = DSL.using(c, SQLDialect.H2);
            dsl.execute("create table \"account\" (\"accountid\" uuid primary key, \"versionnumber\" bigint, "
                    + "\"name\" varchar(160), \"ownerid\" uuid)");
            UUID mine = UUID.randomUUID();
            UUID theirs = UUID.randomUUID();
            dsl.execute("insert into \"account\" values (?, 7, 'Mine', ?), (?, 8, 'Theirs', ?)", mine, OWNER, theirs,
                    UUID.randomUUID());
            ByIdStatements.Shape shape = shape(dsl, byId(mine, "name"), as(OWN));
            Result<Record> rows = ByIdStatements.fetch(dsl, shape, mine, 30);
            assertThat(rows).hasSize(1);
            QueryCompiler.Compiled compiled = shape.compiled();
            assertThat(rows.get(0).get(rows.indexOf(compiled.id()), UUID.class)).isEqualTo(mine);
            assertThat(rows.get(0).get(rows.indexOf(compiled.version()), Long.class)).isEqualTo(7L);
            assertThat(compiled.readers()).singleElement()
                    .satisfies(r -> assertThat(r.bind(rows).read(rows.get(0))).isEqualTo("Mine"));
            // the same shape, another id: a record the caller does not own is not read
            assertThat(ByIdStatements.fetch(dsl, shape, theirs, 30)).isEmpty();
            ByIdStatements.Shape everything = shape(dsl, byId(theirs, "name"), as(AccessRule.ALL));
            Result<Record> all = ByIdStatements.fetch(dsl, everything, theirs, 30);
            assertThat(all).hasSize(1);
            assertThat(everything.compiled().readers().get(0).bind(all).read(all.get(0))).isEqualTo("Theirs");
        }
    }
}
