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
    void anotherFilterValueOfTheSameShapeIsAnotherStatement() {
        DSLContext dsl = DSL.using(SQLDialect.POSTGRES);
        ListStatements.Shape a = lookup(dsl, page("Alpha"), as(OWN)).shape();
        ListStatements.Lookup b = lookup(dsl, page("Beta"), as(OWN));
        assertThat(b.hit()).isFalse();
        assertThat(b.shape().sql()).isEqualTo(a.sql());
        assertThat(List.of(a.binds())).isEqualTo(List.of(OWNER, "alpha", 51L));
        assertThat(List.of(b.shape().binds())).isEqualTo(List.of(OWNER, "beta", 51L));
        assertThat(lookup(dsl, page("Alpha"), as(OWN)).shape()).isSameAs(a);
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
