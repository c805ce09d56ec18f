package io.rapport.pipeline;

import io.rapport.query.RecordAccess.AccessRule;
import io.rapport.record.EntityReference;
import java.util.Map;
import java.util.UUID;

/**
 * What change tracking must hear of changes to who may read a record that do not write the record itself (shares,
 * for the security module): a granted read makes the record count as changed, a removed one leaves a tombstone so
 * that the principal's next delta reports the record as deleted. Changes to a user's roles, teams or business unit
 * are told as the user's read rules before and after: whatever the user could read and cannot any more is reported
 * to that user (only) as deleted.
 */
public interface RecordAccessChanges {

    /** A principal may read the record now (a share granted): the record gets a new row version. */
    void readGranted(EntityReference record);

    /** A principal lost a share's read access to the record. */
    void readRemoved(EntityReference record, UUID principal);

    /** The rules by which the user reads each change-tracked entity now (to keep before a security change). */
    Map<String, AccessRule> readRules(UUID user);

    /**
     * After a change to the user's roles, teams or business unit (in its transaction, once the security model is
     * marked changed): records a loss for every change-tracked entity whose rule of {@code before} the user's rule of
     * now does not cover.
     */
    void readRulesChanged(UUID user, Map<String, AccessRule> before);
}
