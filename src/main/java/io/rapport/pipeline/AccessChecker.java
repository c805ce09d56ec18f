package io.rapport.pipeline;

import io.rapport.metadata.EntityMetadata;
import io.rapport.query.RecordAccess;
import io.rapport.record.Entity;
import java.util.Set;

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

    /**
     * Fails with PRIVILEGE_DENIED when the caller holds no role granting the named privilege (one that belongs to
     * no record entity, such as {@code prvCreateAttribute}).
     */
    void checkPrivilege(Caller caller, String privilegeName);

    /** The rows the caller may read, as data the store turns into SQL. */
    RecordAccess readAccess(Caller caller);

    /**
     * Whether the caller bypasses every check (the system user); lets the pipeline skip loading records that
     * would only be needed for checks.
     */
    default boolean unrestricted(Caller caller) {
        return false;
    }

    /**
     * Whether the caller reaches every record of the entity with the privilege (the system user, or a role granting
     * it at organization depth): a check of that privilege then needs no record's owner. A caller without the
     * privilege is answered {@code false}, and the check fails as it always does.
     */
    default boolean reachesAll(Caller caller, EntityMetadata entity, Privilege privilege) {
        return unrestricted(caller);
    }

    /** Secured attributes of the entity the caller may not read; the pipeline removes their values from results. */
    default Set<String> unreadableAttributes(Caller caller, EntityMetadata entity) {
        return Set.of();
    }

    /**
     * Fails with ACCESS_DENIED when the caller may not set these attributes on create ({@code CREATE}) or update
     * ({@code WRITE}) because they are secured and no field security profile allows it.
     */
    default void checkAttributes(Caller caller, EntityMetadata entity, Privilege privilege, Set<String> attributes) {
    }
}
