package io.rapport.store.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.record.EntityReference;

/**
 * Converts attribute values between their Java form (see {@code Entity}) and their column values, as the
 * attribute's type binds them.
 */
final class ValueCodec {

    private ValueCodec() {
    }

    /** The value of the main column for a (validated) attribute value. */
    static Object toColumn(AttributeMetadata a, Object value) {
        return value == null ? null : a.type().toColumn(value);
    }

    /** The entity name stored beside a polymorphic lookup. */
    static String toTypeColumn(Object value) {
        return value == null ? null : ((EntityReference) value).logicalName();
    }

    /** The Java value of a column value (lookups are built by the caller, which knows the target). */
    static Object fromColumn(AttributeMetadata a, Object value) {
        return value == null ? null : a.type().fromColumn(value);
    }
}
