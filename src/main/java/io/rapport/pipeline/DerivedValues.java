package io.rapport.pipeline;

import io.rapport.record.Entity;
import java.util.Map;
import java.util.UUID;

/**
 * Writes values a module derives from other records and clients cannot write (a document's totals after a line
 * changed) without a nested Update message: one UPDATE of those columns with modified on/by and a new row version,
 * audited once per request and record (the first old values, the last new ones) with the request's own entries. No
 * plugin runs for the write: the caller does what an Update's plugins would have done for those columns.
 */
public interface DerivedValues {

    /**
     * Writes {@code values} on the record as the message's caller; {@code before} holds at least the old values of
     * those columns (for the audit).
     */
    void write(PluginContext context, String entity, UUID id, Entity before, Map<String, Object> values);
}
