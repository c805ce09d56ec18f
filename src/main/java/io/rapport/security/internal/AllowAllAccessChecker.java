package io.rapport.security.internal;

import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.AccessChecker;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.Privilege;
import io.rapport.query.RecordAccess;
import io.rapport.record.Entity;
import org.springframework.stereotype.Component;

/**
 * Every signed-in user may do everything. This is the stand-in until security roles and business-unit depth
 * are enforced (the security issue); the pipeline already asks it at every read and write.
 */
@Component
class AllowAllAccessChecker implements AccessChecker {

    @Override
    public void check(Caller caller, EntityMetadata entity, Privilege privilege, Entity record) {
        // all allowed until roles exist
    }

    @Override
    public RecordAccess readAccess(Caller caller) {
        return RecordAccess.UNRESTRICTED;
    }
}
