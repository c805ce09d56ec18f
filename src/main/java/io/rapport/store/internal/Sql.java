package io.rapport.store.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.UUID;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

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
        return switch (a.type()) {
            case STRING, MEMO, MULTISELECT_PICKLIST -> String.class;
            case INTEGER, PICKLIST, STATE, STATUS -> Integer.class;
            case BIGINT -> Long.class;
            case DECIMAL, MONEY -> BigDecimal.class;
            case DOUBLE -> Double.class;
            case BOOLEAN -> Boolean.class;
            case DATETIME -> LocalDateTime.class;
            case DATE -> LocalDate.class;
            case LOOKUP, CUSTOMER, OWNER, UNIQUEIDENTIFIER -> UUID.class;
        };
    }

    /** The column type of an attribute's main column. */
    static DataType<?> dataType(AttributeMetadata a) {
        return switch (a.type()) {
            case STRING, MEMO -> SQLDataType.VARCHAR(a.maxLength());
            case MULTISELECT_PICKLIST -> SQLDataType.VARCHAR(4000);
            case INTEGER, PICKLIST, STATE, STATUS -> SQLDataType.INTEGER;
            case BIGINT -> SQLDataType.BIGINT;
            // money keeps four decimals, other decimals ten; the attribute's precision rounds on write
            case MONEY -> SQLDataType.NUMERIC(23, 4);
            case DECIMAL -> SQLDataType.NUMERIC(32, 10);
            case DOUBLE -> SQLDataType.DOUBLE;
            case BOOLEAN -> SQLDataType.BOOLEAN;
            case DATETIME -> SQLDataType.LOCALDATETIME(3);
            case DATE -> SQLDataType.LOCALDATE;
            case LOOKUP, CUSTOMER, OWNER, UNIQUEIDENTIFIER -> SQLDataType.UUID;
        };
    }

    @SuppressWarnings("unchecked")
    static Field<Object> field(String alias, AttributeMetadata a) {
        return (Field<Object>) column(alias, a.logicalName(), javaType(a));
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
