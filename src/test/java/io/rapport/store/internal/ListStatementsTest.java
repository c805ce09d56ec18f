package io.rapport.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.metadata.MetadataSnapshot;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.JoinType;
import io.rapport.query.LinkEntity;
import io.rapport.query.Order;
import io.rapport.query.PagingInfo;
import io.rapport.query.QueryContext;
import io.rapport.query.QueryExpression;
import io.rapport.query.RecordAccess;
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
 * List statements compiled once per query and caller: the same SQL and binds as a compile per read; another caller's
 * row access (of the root or of a linked entity), another filter value or a new metadata snapshot is another
 * statement; a query relative to the clock or asking for a count is never kept.
 */
class ListStatementsTest {

    static final MetadataSnapshot SNAPSHOT = QueryCompilerTest.SNAPSHOT;
    static final UUID OWNER = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    static final AccessRule OWN = new AccessRule(false, Set.of(OWNER), Set.of(), Set.of());
    static final RowSecuritySql ROWS = ByIdStatementsTest.ROWS;

    private final ListStatements statements = new ListStatements();

    static QueryExpression page(String name) {
        return QueryExpression.from("account").select("name", "revenue")
                .where(Condition.eq("name", name)).orderBy(new Order(null, "revenue", false)).page(1, 50).build();
    }

    static QueryContext as(RecordAccess access) {
        return new QueryContext(OWNER, null, Set.of(), null, null, access);
    }

    static QueryContext as(AccessRule rule) {
        return as(entity -> rule);
    }

    private ListStatements.Lookup lookup(MetadataSnapshot snapshot, DSLContext dsl, QueryExpression q,
            QueryContext ctx) {
        return statements.shape(snapshot, q, ctx, c -> new QueryCompiler(snapshot, c, dsl, ROWS));
    }

    private ListStatements.Lookup lookup(DSLContext dsl, QueryExpression q, QueryContext ctx) {
        return lookup(SNAPSHOT, dsl, q, ctx);
    }

    @Test
    void theSameQueryOfTheSameCallerIsKeptWithTheSqlOfACompilePerRead() {
        DSLContext dsl = DSL.using(SQLDialect.POSTGRES);
        ListStatements.Lookup first = lookup(dsl, page("Contoso"), as(OWN));
        ListStatements.Lookup second = lookup(dsl, page("Contoso"), as(OWN));
        assertThat(first.hit()).isFalse();
        assertThat(second.hit()).isTrue();
        assertThat(second.shape()).isSameAs(first.shape());
        var compiled = new QueryCompiler(SNAPSHOT, as(OWN), dsl, ROWS).compile(page("Contoso")).select();
        assertThat(second.shape().sql()).isEqualTo(compiled.getSQL());
        assertThat(second.shape().binds()).containsExactlyElementsOf(compiled.getBindValues());
        assertThat(List.of(second.shape().binds())).isEqualTo(List.of(OWNER, "contoso", 51L));
        assertThat(statements.size()).isEqualTo(1);
    }

    @Test
    void callersWithAnotherRowAccessNeverShareAStatement() {
        DSLContext dsl = DSL.using(SQLDialect.POSTGRES);
        ListStatements.Shape own = lookup(dsl, page("A"), as(OWN)).shape();
        UUID someoneElse = UUID.randomUUID();
        AccessRule theirs = new AccessRule(false, Set.of(someoneElse), Set.of(), Set.of());
        ListStatements.Lookup other = lookup(dsl, page("A"), as(theirs));
        assertThat(other.hit()).isFalse();
        assertThat(List.of(other.shape().binds())).isEqualTo(List.of(someoneElse, "a", 51L));
        ListStatements.Lookup all = lookup(dsl, page("A"), as(AccessRule.ALL));
        assertThat(all.hit()).isFalse();
        assertThat(all.shape().sql()).doesNotContain("ownerid");
        assertThat(List.of(all.shape().binds())).isEqualTo(List.of("a", 51L));
        // a user with the same rule (another session of the same user) is served the kept statement
        assertThat(lookup(dsl, page("A"), as(new AccessRule(false, Set.of(OWNER), Set.of(), Set.of()))).shape())
                .isSameAs(own);
        // another user id with the same rule is another statement (EQUAL_USER_ID binds the caller)
        QueryContext otherUser = new QueryContext(UUID.randomUUID(), null, Set.of(), null, null, entity -> OWN);
        assertThat(lookup(dsl, page("A"), otherUser).hit()).isFalse();
    }

    @Test
    void theRuleOfALinkedEntityIsPartOfTheKey() {
        DSLContext dsl = DSL.using(SQLDialect.POSTGRES);
        QueryExpression q = QueryExpression.from("account").select("name")
                .link(new LinkEntity("contact", "parentcustomerid", "accountid", "c", JoinType.INNER,
                        ColumnSet.none(), null, null))
                .page(1, 50).build();
        UUID contactOwner = UUID.randomUUID();
        RecordAccess ownContacts = entity -> entity.equals("contact")
                ? new AccessRule(false, Set.of(contactOwner), Set.of(), Set.of()) : AccessRule.ALL;
        ListStatements.Shape limited = lookup(dsl, q, as(ownContacts)).shape();
        assertThat(List.of(limited.binds())).contains(contactOwner);
        ListStatements.Lookup unlimited = lookup(dsl, q, as(AccessRule.ALL));
        assertThat(unlimited.hit()).isFalse();
        assertThat(List.of(unlimited.shape().binds())).doesNotContain(contactOwner);
        assertThat(lookup(dsl, q, as(ownContacts)).shape()).isSameAs(limited);
    }

    @Test
    void anotherTextValueOfTheSameShapeIsAnotherStatement() {
        DSLContext dsl = DSL.using(SQLDialect.POSTGRES);
        ListStatements.Shape a = lookup(dsl, page("Alpha"), as(OWN)).shape();
        ListStatements.Lookup b = lookup(dsl, page("Beta"), as(OWN));
        assertThat(b.hit()).isFalse();
        assertThat(b.shape().sql()).isEqualTo(a.sql());
        assertThat(List.of(a.binds())).isEqualTo(List.of(OWNER, "alpha", 51L));
        assertThat(List.of(b.shape().binds())).isEqualTo(List.of(OWNER, "beta", 51L));
        assertThat(lookup(dsl, page("Alpha"), as(OWN)).shape()).isSameAs(a);
    }

    static QueryExpression children(UUID parent, UUID contactOwner) {
        return QueryExpression.from("account").select("name")
                .where(Condition.eq("parentaccountid", parent)).where(Condition.eq("name", "Branch"))
                .link(new LinkEntity("contact", "parentcustomerid", "accountid", "c", JoinType.INNER,
                        ColumnSet.none(), Condition.eq("ownerid", contactOwner), null))
                .page(1, 50).build();
    }

    @Test
    void idsOfEqualityConditionsAreBoundIntoOneKeptStatement() {
        DSLContext dsl = DSL.using(SQLDialect.POSTGRES);
        UUID parent = UUID.randomUUID();
        UUID owner = UUID.randomUUID();
        ListStatements.Lookup first = lookup(dsl, children(parent, owner), as(OWN));
        UUID otherParent = UUID.randomUUID();
        UUID otherOwner = UUID.randomUUID();
        ListStatements.Lookup second = lookup(dsl, children(otherParent, otherOwner), as(OWN));
        assertThat(first.hit()).isFalse();
        assertThat(second.hit()).as("another parent and contact owner: the same statement").isTrue();
        assertThat(statements.size()).isEqualTo(1);
        for (var pair : List.of(List.of(first, children(parent, owner)), List.of(second,
                children(otherParent, otherOwner)))) {
            var compiled = new QueryCompiler(SNAPSHOT, as(OWN), dsl, ROWS).compile((QueryExpression) pair.get(1))
                    .select();
            ListStatements.Shape shape = ((ListStatements.Lookup) pair.get(0)).shape();
            assertThat(shape.sql()).isEqualTo(compiled.getSQL());
            assertThat(shape.binds()).containsExactlyElementsOf(compiled.getBindValues());
        }
        assertThat(List.of(second.shape().binds())).contains(otherParent, otherOwner).doesNotContain(parent, owner);
        // the same statement with the first ids again: the kept one's binds were not changed by the second read
        assertThat(List.of(lookup(dsl, children(parent, owner), as(OWN)).shape().binds()))
                .containsExactlyElementsOf(List.of(first.shape().binds()));
    }

    @Test
    void anIdComparedAsTextIsKeptByItsOwnValue() {
        DSLContext dsl = DSL.using(SQLDialect.POSTGRES);
        UUID id = UUID.randomUUID();
        QueryExpression byName = QueryExpression.from("account").select("name")
                .where(Condition.eq("name", id)).page(1, 50).build();
        ListStatements.Lookup first = lookup(dsl, byName, as(OWN));
        assertThat(first.shape().kept()).isTrue();
        assertThat(List.of(first.shape().binds())).isEqualTo(List.of(OWNER, id.toString(), 51L));
        assertThat(lookup(dsl, byName, as(OWN)).hit()).isTrue();
        UUID other = UUID.randomUUID();
        ListStatements.Lookup another = lookup(dsl, QueryExpression.from("account").select("name")
                .where(Condition.eq("name", other)).page(1, 50).build(), as(OWN));
        assertThat(another.hit()).isFalse();
        assertThat(List.of(another.shape().binds())).isEqualTo(List.of(OWNER, other.toString(), 51L));
    }

    @Test
    void yesNoAndDateValuesAreKept() {
        DSLContext dsl = DSL.using(SQLDialect.POSTGRES);
        java.time.LocalDate today = java.time.LocalDate.of(2026, 12, 4);
        QueryExpression q = QueryExpression.from("entitlement").select("name")
                .where(Condition.eq("isdefault", true))
                .where(Condition.of("startdate", ConditionOperator.LESS_EQUAL, today)).top(1).build();
        assertThat(lookup(dsl, q, as(OWN)).shape().kept()).isTrue();
        ListStatements.Lookup again = lookup(dsl, q, as(OWN));
        assertThat(again.hit()).isTrue();
        assertThat(List.of(again.shape().binds())).contains(true, today);
    }

    @Test
    void aNewMetadataSnapshotCompilesAfresh() {
        DSLContext dsl = DSL.using(SQLDialect.POSTGRES);
        ListStatements.Shape before = lookup(dsl, page("A"), as(OWN)).shape();
        MetadataSnapshot published = new MetadataSnapshot(SNAPSHOT.version() + 1, SNAPSHOT.entities(),
                SNAPSHOT.globalOptionSets().values(), SNAPSHOT.oneToManyRelationships(),
                SNAPSHOT.manyToManyRelationships());
        ListStatements.Lookup after = lookup(published, dsl, page("A"), as(OWN));
        assertThat(after.hit()).isFalse();
        assertThat(after.shape()).isNotSameAs(before);
        assertThat(lookup(published, dsl, page("A"), as(OWN)).shape()).isSameAs(after.shape());
    }

    @Test
    void aQueryRelativeToTheClockOrAskingForACountIsNeverKept() {
        DSLContext dsl = DSL.using(SQLDialect.POSTGRES);
        QueryExpression recent = QueryExpression.from("account").select("name")
                .where(Condition.of("createdon", ConditionOperator.LAST_X_DAYS, 7)).page(1, 50).build();
        assertThat(lookup(dsl, recent, as(OWN)).shape().kept()).isFalse();
        ListStatements.Lookup again = lookup(dsl, recent, as(OWN));
        assertThat(again.hit()).isFalse();
        assertThat(again.shape().kept()).isFalse();
        QueryExpression counted = QueryExpression.from("account").select("name")
                .paging(new PagingInfo(1, 50, null, true)).build();
        assertThat(lookup(dsl, counted, as(OWN)).shape().kept()).isFalse();
        assertThat(lookup(dsl, counted, as(OWN)).hit()).isFalse();
        assertThat(statements.size()).isZero();
    }

    @Test
    void aStatementKeptWithMarkersReadsTheRowsOfEachReadsIds() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:list" + UUID.randomUUID())) {
            DSLContext dsl = DSL.using(c, SQLDialect.H2);
            dsl.execute("create table \"account\" (\"accountid\" uuid primary key, \"versionnumber\" bigint, "
                    + "\"name\" varchar(160), \"parentaccountid\" uuid, \"ownerid\" uuid)");
            UUID one = UUID.randomUUID();
            UUID two = UUID.randomUUID();
            dsl.execute("insert into \"account\" values (?, 1, 'Under one', ?, ?), (?, 2, 'Under two', ?, ?)",
                    UUID.randomUUID(), one, OWNER, UUID.randomUUID(), two, OWNER);
            java.util.function.Function<UUID, QueryExpression> under = p -> QueryExpression.from("account")
                    .select("name").where(Condition.eq("parentaccountid", p)).page(1, 50).build();
            ListStatements.Lookup first = lookup(dsl, under.apply(one), as(OWN));
            ListStatements.Lookup second = lookup(dsl, under.apply(two), as(OWN));
            assertThat(second.hit()).isTrue();
            for (var read : List.of(List.of(first, "Under one"), List.of(second, "Under two"))) {
                ListStatements.Shape shape = ((ListStatements.Lookup) read.get(0)).shape();
                Result<Record> rows = ListStatements.fetch(dsl, shape, 30);
                assertThat(rows).hasSize(1);
                assertThat(shape.compiled().readers().get(0).bind(rows).read(rows.get(0))).isEqualTo(read.get(1));
            }
        }
    }

    @Test
    void aKeptStatementReadsTheCallersRowsOnly() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:list" + UUID.randomUUID())) {
            DSLContext dsl = DSL.using(c, SQLDialect.H2);
            dsl.execute("create table \"account\" (\"accountid\" uuid primary key, \"versionnumber\" bigint, "
                    + "\"name\" varchar(160), \"revenue\" decimal(19,4), \"ownerid\" uuid)");
            UUID mine = UUID.randomUUID();
            dsl.execute("insert into \"account\" values (?, 7, 'Same', 10, ?), (?, 8, 'Same', 20, ?)", mine, OWNER,
                    UUID.randomUUID(), UUID.randomUUID());
            lookup(dsl, page("same"), as(OWN));
            ListStatements.Lookup kept = lookup(dsl, page("same"), as(OWN));
            assertThat(kept.hit()).isTrue();
            Result<Record> rows = ListStatements.fetch(dsl, kept.shape(), 30);
            assertThat(rows).hasSize(1);
            QueryCompiler.Compiled compiled = kept.shape().compiled();
            assertThat(rows.get(0).get(rows.indexOf(compiled.id()), UUID.class)).isEqualTo(mine);
            assertThat(rows.get(0).get(rows.indexOf(compiled.version()), Long.class)).isEqualTo(7L);
            assertThat(compiled.readers().get(0).bind(rows).read(rows.get(0))).isEqualTo("Same");
            lookup(dsl, page("same"), as(AccessRule.ALL));
            assertThat(ListStatements.fetch(dsl, lookup(dsl, page("same"), as(AccessRule.ALL)).shape(), 30))
                    .hasSize(2);
        }
    }
}
