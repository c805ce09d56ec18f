package io.rapport.metadata;

import java.util.Collection;

/**
 * Brings database tables in line with metadata. Implemented by the store; called at start-up for every entity
 * and by customization for the entities it touched, inside the customization's transaction.
 */
public interface SchemaSync {

    /** Creates or alters the tables of the given entities (and their intersect tables) to match the snapshot. */
    void apply(MetadataSnapshot snapshot, Collection<String> entityNames);

    /** Drops the table of a deleted entity (with its records). */
    void dropTable(String entityName);

    /** Drops the columns of a deleted attribute, with their indexes and foreign keys. */
    void dropColumns(String entityName, Collection<String> columns);

    /** Drops the unique index of a deleted alternate key. */
    void dropKey(String entityName, String keyName);

    /**
     * Whether DDL runs inside the caller's transaction and rolls back with it (PostgreSQL). H2 commits the open
     * transaction at every DDL statement, so drops are made after the customization commits there.
     */
    default boolean transactionalDdl() {
        return true;
    }
}
