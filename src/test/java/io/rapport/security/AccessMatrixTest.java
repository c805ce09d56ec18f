package io.rapport.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.rapport.error.RapportException;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.security.AccessMatrixFixture.Reader;
import io.rapport.testing.OnH2;
import io.rapport.testing.OnPostgres;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The access-control matrix (issue 21): readers of every depth in the root, a child and a grandchild business
 * unit, against records of every type owned across units, by teams and shared, through every read path: the
 * pipeline, Web API lists, {@code $filter}, {@code $count}, {@code $apply} aggregates, FetchXML (plain, aggregate,
 * link-entity), {@code $expand} (single and collection), {@code $batch}, retrieve by id, RetrieveDuplicates, the
 * timeline, global search, UI lists and CSV exports. Each check compares with the oracle of
 * {@link AccessMatrixFixture}; a record the reader may not read showing up anywhere (a name, an id or a count) is a
 * leak. One application context per database, one fixture per run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AccessMatrixTest {

    @OnH2
    static class H2 extends AccessMatrixTest {
    }

    @OnPostgres
    static class Postgres extends AccessMatrixTest {
    }

    /** Each check is one dynamic test; the run fails if there are fewer than this. */
    static final int MINIMUM_CHECKS = 500;

    @Autowired
    OrganizationService org;

    @LocalServerPort
    int port;

    AccessMatrixFixture fx;
    AccessMatrixPaths paths;
    private long started;

    @BeforeAll
    void organization() {
        started = System.nanoTime();
        fx = new AccessMatrixFixture(org);
        fx.build();
        paths = new AccessMatrixPaths(fx, port);
    }

    @AfterAll
    void took() {
        LoggerFactory.getLogger(AccessMatrixTest.class).info("Access matrix took seconds={}",
                (System.nanoTime() - started) / 1_000_000_000);
    }

    @TestFactory
    Stream<DynamicTest> everyReaderThroughEveryPathSeesExactlyWhatTheOracleAllows() {
        List<DynamicTest> checks = new ArrayList<>();
        for (Reader reader : fx.readers) {
            for (AccessMatrixRows row : AccessMatrixRows.all()) {
                pipeline(checks, reader, row);
                paths.api(checks, reader, row);
                if (row.ui()) {
                    paths.ui(checks, reader, row);
                }
            }
            paths.batch(checks, reader);
            paths.expandAndLinks(checks, reader);
            paths.duplicatesTimelineAndSearch(checks, reader);
        }
        assertThat(checks.size()).as("checks in the matrix").isGreaterThanOrEqualTo(MINIMUM_CHECKS);
        return checks.stream();
    }

    /** RetrieveMultiple and Retrieve of each record through the pipeline, as the reader. */
    private void pipeline(List<DynamicTest> checks, Reader reader, AccessMatrixRows row) {
        OrganizationService as = fx.f.as(reader.id());
        boolean blind = reader.depth().equals("None");
        checks.add(DynamicTest.dynamicTest(reader + " RetrieveMultiple " + row.entity(), () -> {
            QueryExpression q = QueryExpression.from(row.entity()).columns(ColumnSet.none())
                    .where(Condition.of(row.nameAttribute(), ConditionOperator.LIKE, "%" + fx.run + "%")).build();
            if (blind) {
                assertDenied(() -> as.retrieveMultiple(q));
                return;
            }
            Set<UUID> seen = new java.util.HashSet<>(as.retrieveMultiple(q).entities().stream().map(Entity::id)
                    .toList());
            assertThat(seen).isEqualTo(fx.visibleIds(reader, row.entity()));
        }));
        for (AccessMatrixFixture.Rec rec : fx.records.get(row.entity())) {
            boolean visible = fx.visible(reader, rec);
            checks.add(DynamicTest.dynamicTest(reader + " Retrieve " + rec.name(), () -> {
                if (visible) {
                    assertThat(as.retrieve(row.entity(), rec.id(), ColumnSet.of(row.nameAttribute())).id())
                            .isEqualTo(rec.id());
                } else {
                    assertDenied(() -> as.retrieve(row.entity(), rec.id(), ColumnSet.of(row.nameAttribute())));
                }
            }));
        }
    }

    static void assertDenied(Runnable read) {
        try {
            read.run();
        } catch (RapportException e) {
            assertThat(e.code().httpStatus()).as(e.getMessage()).isEqualTo(403);
            return;
        }
        throw new AssertionError("the read was allowed");
    }
}
