package io.rapport.pipeline;

import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.Set;

/**
 * A privilege a message needs, declared by its handler and checked by the pipeline's stage runner after
 * pre-validation and before pre-operation (handlers never call the {@link AccessChecker} themselves).
 */
public sealed interface AccessDemand {

    /** The privilege on the entity at some depth (querying, or creating when no record is known yet). */
    record OnEntity(String entity, Privilege privilege) implements AccessDemand {
    }

    /** The privilege reaching a record as loaded (it must carry its owner and owning business unit). */
    record OnRecord(Entity record, Privilege privilege) implements AccessDemand {
    }

    /** The privilege reaching a record the pipeline loads by reference. */
    record OnReference(EntityReference reference, Privilege privilege) implements AccessDemand {
    }

    /** Field security: setting secured attributes on create ({@code CREATE}) or update ({@code WRITE}). */
    record OnAttributes(String entity, Privilege privilege, Set<String> attributes) implements AccessDemand {
        public OnAttributes {
            attributes = Set.copyOf(attributes);
        }
    }

    /**
     * A privilege that belongs to no record entity, by its Dataverse name: the customization privileges
     * ({@code prvCreateEntity}, {@code prvWriteAttribute}...) and the miscellaneous ones.
     */
    record Named(String privilege) implements AccessDemand {
    }

    static AccessDemand named(String privilege) {
        return new Named(privilege);
    }

    static AccessDemand entity(String entity, Privilege privilege) {
        return new OnEntity(entity, privilege);
    }

    static AccessDemand record(Entity record, Privilege privilege) {
        return new OnRecord(record, privilege);
    }

    static AccessDemand reference(EntityReference reference, Privilege privilege) {
        return new OnReference(reference, privilege);
    }
}
