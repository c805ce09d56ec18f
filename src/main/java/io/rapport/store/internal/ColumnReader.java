package io.rapport.store.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.record.EntityReference;
import java.util.UUID;
import org.jooq.Field;
import org.jooq.Fields;
import org.jooq.Record;

/**
 * Reads one attribute of a result row into its Java value: the main column, plus the type column and the
 * joined display name for lookups. {@code attribute} is {@code null} for aggregate values.
 */
record ColumnReader(String key, AttributeMetadata attribute, Field<?> value, Field<?> type, Field<?> name) {

    /** Where this reader's fields stand in a result: found once per result, not per row and field. */
    record Bound(ColumnReader reader, int value, int type, int name) {
        Object read(Record r) {
            return reader.read(r.get(value), type < 0 ? null : r.get(type), name < 0 ? null : r.get(name));
        }
    }

    /**
     * This reader for the rows of the result. Looking a field up by its {@code Field} costs jOOQ a rendering of
     * both sides once identity fails (these are named aliases), which per row and column was a tenth of a CardDAV
     * listing's time; an index is looked up once.
     */
    Bound bind(Fields fields) {
        return new Bound(this, fields.indexOf(value), type == null ? -1 : fields.indexOf(type),
                name == null ? -1 : fields.indexOf(name));
    }

    Object read(Record r) {
        return read(r.get(value), type == null ? null : r.get(type), name == null ? null : r.get(name));
    }

    private Object read(Object raw, Object typeValue, Object nameValue) {
        if (attribute == null) {
            return raw instanceof Long l && l <= Integer.MAX_VALUE && l >= Integer.MIN_VALUE ? (Object) l.intValue()
                    : raw;
        }
        if (raw == null) {
            return null;
        }
        if (attribute.type().isLookup()) {
            String target = type != null ? (String) typeValue : attribute.targets().get(0);
            if (target == null) {
                return null;
            }
            return new EntityReference(target, (UUID) raw, (String) nameValue);
        }
        return ValueCodec.fromColumn(attribute, raw);
    }
}
