package io.rapport.store.internal;

import io.rapport.metadata.EntityMetadata;
import java.util.HashMap;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps PostgreSQL's planner statistics of a table current after bulk writes (CreateMultiple, imports, quick
 * campaigns), instead of waiting for autovacuum: a table filled by an import within a minute of being created still
 * has the statistics of an empty table until autovacuum comes round (a minute at the earliest, never when it is off),
 * and a plan made for an empty table (a nested loop that reads the whole contact table for each account of a list)
 * then costs seconds per page. When a transaction that wrote at least {@link #MIN_ROWS} rows of a table in batches
 * has committed, the committing thread looks at the table's statistics (one catalog query) and, in a transaction of
 * its own, runs {@code ANALYZE} on it when they were never gathered or when more rows changed since they were than
 * autovacuum's default threshold allows (50 rows and 10 % of the table) and either a minute has passed or the table
 * doubled (see {@link #due}); a table another session is analysing is skipped. No thread or timer of its own:
 * nothing here outlives the request or job that wrote the rows. The new statistics invalidate the cached plans that
 * use the table, on every node. Nothing is done on H2, which gathers its own.
 */
@Component
class PlannerStatistics {

    /** A transaction writing fewer rows to a table leaves its statistics to autovacuum. */
    static final int MIN_ROWS = 100;

    /** Autovacuum's {@code autovacuum_naptime}: how often a table already analysed may be analysed again. */
    static final int MIN_INTERVAL_SECONDS = 60;

    private static final Logger log = LoggerFactory.getLogger(PlannerStatistics.class);

    private final DSLContext dsl;
    private final boolean postgres;
    private final TransactionTemplate own;

    PlannerStatistics(DSLContext dsl, PlatformTransactionManager transactions) {
        this.dsl = dsl;
        this.postgres = dsl.dialect().family() == SQLDialect.POSTGRES;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** {@code rows} rows of the entity's table were written in the current transaction (or just now, without one). */
    void written(EntityMetadata entity, int rows) {
        if (!postgres || rows <= 0) {
            return;
        }
        String table = dsl.render(Sql.table(entity));
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            if (rows >= MIN_ROWS) {
                check(table, rows);
            }
            return;
        }
        Written written = null;
        for (TransactionSynchronization s : TransactionSynchronizationManager.getSynchronizations()) {
            if (s instanceof Written w && w.owner == this) {
                written = w;
                break;
            }
        }
        if (written == null) {
            written = new Written(this);
            TransactionSynchronizationManager.registerSynchronization(written);
        }
        written.rows.merge(table, rows, Integer::sum);
    }

    /** The rows one transaction wrote per table, checked once it has committed. */
    private static final class Written implements TransactionSynchronization {
        final PlannerStatistics owner;
        final Map<String, Integer> rows = new HashMap<>();

        Written(PlannerStatistics owner) {
            this.owner = owner;
        }

        @Override
        public void afterCompletion(int status) {
            if (status == STATUS_COMMITTED) {
                rows.forEach((table, n) -> {
                    if (n >= MIN_ROWS) {
                        // the committed transaction's resources may still be bound: a transaction of its own
                        try {
                            owner.own.executeWithoutResult(s -> owner.check(table, n));
                        } catch (RuntimeException e) {
                            log.warn("Planner statistics of {} not gathered: {}", table, e.getMessage());
                        }
                    }
                });
            }
        }
    }

    private void check(String table, long written) {
        try {
            Record stats = dsl.resultQuery("select c.reltuples, coalesce(s.n_mod_since_analyze, 0), "
                    + "extract(epoch from now() - greatest(s.last_analyze, s.last_autoanalyze)) "
                    + "from pg_class c left join pg_stat_user_tables s on s.relid = c.oid "
                    + "where c.oid = to_regclass({0})", DSL.inline(table)).fetchOne();
            if (stats == null) {
                return;
            }
            float tuples = stats.get(0, Float.class);
            // the counter may not hold this node's last transaction yet: the larger of the two counts
            long changed = Math.max(stats.get(1, Long.class), written);
            Double secondsSince = stats.get(2, Double.class);
            if (!due(tuples, changed, secondsSince)) {
                return;
            }
            long started = System.nanoTime();
            dsl.execute("analyze (skip_locked) " + table);
            log.debug("Planner statistics of {} gathered ({} rows changed, {} rows before) in {} ms", table, changed,
                    tuples < 0 ? "unknown" : (long) tuples, (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            // a table dropped meanwhile, a database going down: the statistics wait for the next bulk write
            log.warn("Planner statistics of {} not gathered: {}", table, e.getMessage());
        }
    }

    /**
     * Whether a table whose statistics counted {@code tuples} rows (negative: never gathered), with {@code changed}
     * rows written since and last gathered {@code secondsSince} seconds ago (null: never), is analysed now. Never
     * gathered: yes. Fewer changes than autovacuum's threshold (50 rows and 10 % of the table): no. Above it, as
     * autovacuum (which looks at a table once a minute at most): when the last analysis is a minute old or more, or,
     * sooner, when more rows changed than the statistics counted, so that a table filled by one large load is analysed
     * as it doubles (a few times in all), not after every batch of the load (an {@code ANALYZE} of a table of 40,000
     * rows and 118 columns costs the server 0.1 to 0.3 s: after each of the batches of a CreateMultiple load it took a
     * quarter of the server's time).
     */
    static boolean due(float tuples, long changed, Double secondsSince) {
        if (tuples < 0 || secondsSince == null) {
            return true;
        }
        if (changed < 50 + 0.1 * tuples) {
            return false;
        }
        return secondsSince >= MIN_INTERVAL_SECONDS || changed >= 50 + tuples;
    }
}
