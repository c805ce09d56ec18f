package io.rapport.pipeline;

import io.rapport.metadata.EntityMetadata;
import io.rapport.query.RecordAccess;
import io.rapport.record.Entity;

/**
 * Decides what a caller may do. The pipeline asks it before every write and for every read; the security
 * module implements it with roles, business units, teams and sharing.
 */
public interface AccessChecker {

    /**
     * Fails with a {@code RapportException} (PRIVILEGE_DENIED or ACCESS_DENIED) when the caller lacks the privilege
     * on the entity, or, when a record is given, lacks access to that record at the privilege's depth.
     */
    void check(Caller caller, EntityMetadata entity, Privilege privilege, Entity record);

    /** The rows the caller may read, as data the store turns into SQL. */
    RecordAccess readAccess(Caller caller);
}
