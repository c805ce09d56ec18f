package io.rapport.pipeline;

import io.rapport.record.EntityReference;
import java.util.UUID;

/**
 * What change tracking must hear of changes to who may read a record that do not write the record itself (shares,
 * for the security module): a granted read makes the record count as changed, a removed one leaves a tombstone so
 * that the principal's next delta reports the record as deleted.
 */
public interface RecordAccessChanges {

    /** A principal may read the record now (a share granted): the record gets a new row version. */
    void readGranted(EntityReference record);

    /** A principal lost a share's read access to the record. */
    void readRemoved(EntityReference record, UUID principal);
}
