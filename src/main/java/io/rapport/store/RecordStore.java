package io.rapport.store;

import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.ManyToManyRelationship;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.query.ColumnSet;
import io.rapport.query.QueryContext;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads and writes records in the metadata-defined tables. No business rules live here: the pipeline
 * validates, secures and audits; the store only translates to SQL and maps SQL errors to typed errors.
 */
public interface RecordStore {

    /**
     * Inserts a complete record (id and platform attributes already set); the row version is taken from the
     * database sequence in the same statement.
     *
     * @return the new row's version, or 0 when the entity has none
     */
    long insert(EntityMetadata entity, Entity record);

    /** Inserts many complete records in JDBC batches (versions from the sequence); for imports and data generation. */
    void insertBatch(EntityMetadata entity, List<Entity> records);

    /**
     * For bulk loads that can be redone: the current transaction's commit does not wait for the write-ahead log to
     * reach the disk (PostgreSQL {@code synchronous_commit = off}; a crash may lose the last such commits, never
     * corrupt data). No effect on H2.
     */
    void relaxDurabilityOfTransaction();

    /**
     * After a bulk load, outside any transaction: brings the planner's statistics (and, on PostgreSQL, the
     * visibility map) up to date for the entity's table, so that queries plan for the rows that are there now.
     */
    void refreshStatistics(EntityMetadata entity);

    /**
     * Updates the given attributes and gives the row a new version; with {@code expectedVersion} only if the row
     * still has that version.
     *
     * @return the row's new version (0 when the entity has none), or {@code null} when no row matched (missing, or
     *     changed since)
     */
    Long update(EntityMetadata entity, UUID id, Map<String, Object> values, Long expectedVersion);

    /**
     * Updates many rows of one entity: the rows changing the same set of attributes in one JDBC batch of one
     * statement, each row given a new version from the sequence.
     *
     * @return per row (in the order given) the number of rows updated: 1, or 0 when it does not exist
     */
    int[] updateBatch(EntityMetadata entity, List<UUID> ids, List<Map<String, Object>> values);

    /**
     * Deletes many rows of one entity with one statement per 1,000 ids.
     *
     * @return the number of rows deleted
     */
    int deleteBatch(EntityMetadata entity, List<UUID> ids);

    /** Deletes one row; with {@code expectedVersion} only if the row still has that version. */
    boolean delete(EntityMetadata entity, UUID id, Long expectedVersion);

    Optional<Entity> retrieve(MetadataSnapshot snapshot, String entityName, UUID id, ColumnSet columns,
            QueryContext context);

    EntityCollection retrieveMultiple(MetadataSnapshot snapshot, QueryExpression query, QueryContext context);

    /** The id of the record whose alternate key attributes have the given values. */
    Optional<UUID> findIdByKey(MetadataSnapshot snapshot, EntityMetadata entity, Map<String, Object> keyValues);

    boolean exists(EntityMetadata entity, UUID id);

    /** Links two records; false if they were linked already. */
    boolean associate(ManyToManyRelationship relationship, UUID entity1Id, UUID entity2Id);

    /** Unlinks two records; false if they were not linked. */
    boolean disassociate(ManyToManyRelationship relationship, UUID entity1Id, UUID entity2Id);

    /** Removes every link of one record in a many-to-many relationship, from the given side. */
    int disassociateAll(ManyToManyRelationship relationship, boolean fromEntity1, UUID id);
}
