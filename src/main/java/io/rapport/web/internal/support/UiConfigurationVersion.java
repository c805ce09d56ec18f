package io.rapport.web.internal.support;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sequence;
import static org.jooq.impl.DSL.table;

import io.rapport.cluster.ClusterSignals;
import java.time.Duration;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The version of the records the UI caches (views, forms, personal views, currencies, remembered columns) in
 * {@code sys_ui_version}: set anew by {@link UiConfigurationChangePlugin} in every transaction that changes one of
 * them. A request uses one value from start to end. A node reads the row at most once per
 * {@code rapport.web.ui-version-check-interval} (default 250 ms; the December profile found this select on every page
 * render): a change made on this node applies at once, one made on another node within that interval, and on
 * PostgreSQL within milliseconds, as a change also sends the cluster signal {@value #TOPIC} on commit, on which the
 * other nodes read the row again on next use (the same scheme as the security version).
 */
@Repository
public class UiConfigurationVersion {

    private static final Table<Record> VERSION = table(name("sys_ui_version"));
    private static final Field<Integer> ID = field(name("id"), Integer.class);
    private static final Field<Long> VALUE = field(name("version"), Long.class);
    private static final String REQUEST_KEY = UiConfigurationVersion.class.getName();
    static final String TOPIC = "ui-configuration";

    private final DSLContext dsl;
    private final ClusterSignals signals;
    private final long checkIntervalNanos;
    private volatile long nodeValue;
    private volatile long nodeReadAt = Long.MIN_VALUE;

    UiConfigurationVersion(DSLContext dsl, ClusterSignals signals,
            @Value("${rapport.web.ui-version-check-interval:250ms}") Duration checkInterval) {
        this.dsl = dsl;
        this.signals = signals;
        this.checkIntervalNanos = checkInterval.toNanos();
        signals.subscribe(TOPIC, () -> nodeReadAt = Long.MIN_VALUE);
    }

    /** The current version: one value per request, read from the database at most once per interval. */
    public long current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(REQUEST_KEY, RequestAttributes.SCOPE_REQUEST) instanceof Long v) {
            return v;
        }
        long now = System.nanoTime();
        long v;
        long readAt = nodeReadAt;
        if (readAt != Long.MIN_VALUE && now - readAt < checkIntervalNanos) {
            v = nodeValue;
        } else {
            v = dsl.select(VALUE).from(VERSION).where(ID.eq(1)).fetchSingle(VALUE);
            nodeValue = v;
            nodeReadAt = now;
        }
        if (request != null) {
            request.setAttribute(REQUEST_KEY, v, RequestAttributes.SCOPE_REQUEST);
        }
        return v;
    }

    /**
     * Marks the cached records changed; inside the changing transaction, so the change and the new version commit
     * together. The value comes from a sequence: a rolled-back change's value is never used again, so nothing cached
     * under it can be mistaken for a later state.
     */
    void bump() {
        dsl.update(VERSION).set(VALUE, sequence(name("sys_ui_version_sequence"), Long.class).nextval())
                .where(ID.eq(1)).execute();
        signals.publish(TOPIC);
        // this node reads the new value at its next use, and again once the change has committed
        nodeReadAt = Long.MIN_VALUE;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    nodeReadAt = Long.MIN_VALUE;
                }
            });
        }
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.removeAttribute(REQUEST_KEY, RequestAttributes.SCOPE_REQUEST);
        }
    }
}
