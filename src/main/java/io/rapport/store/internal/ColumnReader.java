package io.rapport.store.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.record.EntityReference;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Record;

/**
 * Reads one attribute of a result row into its Java value: the main column, plus the type column and the
 * joined display name for lookups. {@code attribute} is {@code null} for aggregate values.
 */
record ColumnReader(String key, AttributeMetadata attribute, Field<?> value, Field<?> type, Field<?> name) {

    Object read(Record r) {
        Object raw = r.get(value);
        if (attribute == null) {
            return raw instanceof Long l && l <= Integer.MAX_VALUE && l >= Integer.MIN_VALUE ? (Object) l.intValue()
                    : raw;
        }
        if (raw == null) {
            return null;
        }
        if (attribute.type().isLookup()) {
            String target = type != null ? (String) r.get(type) : attribute.targets().get(0);
            if (target == null) {
                return null;
            }
            return new EntityReference(target, (UUID) raw, name == null ? null : (String) r.get(name));
        }
        return ValueCodec.fromColumn(attribute, raw);
    }
}
