package io.rapport.web.internal.support;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sequence;
import static org.jooq.impl.DSL.table;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.springframework.stereotype.Repository;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The version of the records the UI caches (views, forms, personal views, currencies) in {@code sys_ui_version}:
 * set anew by {@link UiConfigurationChangePlugin} in every transaction that changes one of them, read once per request
 * (one primary-key select) so that caches keyed by it are never stale, whichever node made the change.
 */
@Repository
public class UiConfigurationVersion {

    private static final Table<Record> VERSION = table(name("sys_ui_version"));
    private static final Field<Integer> ID = field(name("id"), Integer.class);
    private static final Field<Long> VALUE = field(name("version"), Long.class);
    private static final String REQUEST_KEY = UiConfigurationVersion.class.getName();

    private final DSLContext dsl;

    UiConfigurationVersion(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** The current version, read once per request. */
    public long current() {
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null && request.getAttribute(REQUEST_KEY, RequestAttributes.SCOPE_REQUEST) instanceof Long v) {
            return v;
        }
        long v = dsl.select(VALUE).from(VERSION).where(ID.eq(1)).fetchSingle(VALUE);
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
        RequestAttributes request = RequestContextHolder.getRequestAttributes();
        if (request != null) {
            request.removeAttribute(REQUEST_KEY, RequestAttributes.SCOPE_REQUEST);
        }
    }
}
