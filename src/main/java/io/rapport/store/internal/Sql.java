package io.rapport.store.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import java.util.UUID;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * How metadata maps to SQL: one table per entity named by its logical name, one column per attribute (plus a
 * type column for polymorphic lookups). Every identifier is built with {@link DSL#name} so it is quoted the
 * same way on H2 and PostgreSQL.
 */
final class Sql {

    static final int TYPE_COLUMN_LENGTH = 64;

    private Sql() {
    }

    static Table<Record> table(EntityMetadata entity) {
        return DSL.table(DSL.name(entity.logicalName()));
    }

    static Table<Record> table(String name) {
        return DSL.table(DSL.name(name));
    }

    static Table<Record> table(String name, String alias) {
        return DSL.table(DSL.name(name)).as(DSL.name(alias));
    }

    static Field<Object> column(String alias, String column) {
        return alias == null ? DSL.field(DSL.name(column)) : DSL.field(DSL.name(alias, column));
    }

    @SuppressWarnings("unchecked")
    static <T> Field<T> column(String alias, String column, Class<T> type) {
        Name n = alias == null ? DSL.name(column) : DSL.name(alias, column);
        return DSL.field(n, type);
    }

    static Field<UUID> id(String alias, EntityMetadata entity) {
        return column(alias, entity.primaryIdAttribute(), UUID.class);
    }

    /** The Java type the database hands back for an attribute's main column. */
    static Class<?> javaType(AttributeMetadata a) {
        return a.type().columnJavaType();
    }

    /** The column type of an attribute's main column. */
    static DataType<?> dataType(AttributeMetadata a) {
        return a.type().sqlType(a);
    }

    @SuppressWarnings("unchecked")
    static Field<Object> field(String alias, AttributeMetadata a) {
        return (Field<Object>) column(alias, a.logicalName(), javaType(a));
    }

    /**
     * The attribute, when a query may compare, sort, group or aggregate on it: a write-only one (a password) may not,
     * as the answer would reveal its value.
     */
    static AttributeMetadata queryable(EntityMetadata entity, String attribute) {
        AttributeMetadata a = entity.attribute(attribute);
        if (!a.isReadable()) {
            throw new io.rapport.error.RapportException(io.rapport.error.ErrorCode.QUERY_INVALID, "The attribute "
                    + entity.logicalName() + "." + a.logicalName() + " is write-only: a query cannot filter, sort, "
                    + "group, aggregate or join on it.", a.logicalName());
        }
        return a;
    }

    /**
     * Whether text compares and sorts on this attribute through a {@code lower(column)} index (PostgreSQL; H2 has no
     * expression indexes): searchable single-line text.
     */
    static boolean lowerIndexed(org.jooq.SQLDialect dialect, AttributeMetadata a) {
        return dialect.family() == org.jooq.SQLDialect.POSTGRES && a.type().isText() && a.searchable()
                && !a.type().isMultiline();
    }

    /**
     * Whether the entity's rows are listed by owner in name order through an {@code (ownerid, lower(name))} index
     * (user-owned entities whose primary name is {@link #lowerIndexed}): the index each owner's part of a row-secured
     * page sorted by name reads in order.
     */
    static boolean ownerNameIndexed(org.jooq.SQLDialect dialect, EntityMetadata e) {
        return e.hasAttribute("ownerid") && e.primaryNameAttribute() != null
                && e.hasAttribute(e.primaryNameAttribute())
                && lowerIndexed(dialect, e.attribute(e.primaryNameAttribute()));
    }

    static Field<String> typeField(String alias, AttributeMetadata a) {
        return column(alias, a.typeColumn(), String.class);
    }

    /** Index and constraint names stay within PostgreSQL's 63 characters and are unique per schema. */
    static String objectName(String prefix, String table, String column) {
        String n = prefix + "_" + table + "_" + column;
        if (n.length() <= 63) {
            return n;
        }
        return n.substring(0, 54) + "_" + Integer.toHexString(n.hashCode());
    }
}
