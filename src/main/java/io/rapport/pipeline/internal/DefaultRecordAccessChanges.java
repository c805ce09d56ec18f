package io.rapport.pipeline.internal;

import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataService;
import io.rapport.pipeline.AccessChecker;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.RecordAccessChanges;
import io.rapport.query.RecordAccess;
import io.rapport.query.RecordAccess.AccessRule;
import io.rapport.record.EntityReference;
import io.rapport.store.ChangeLog;
import io.rapport.store.ChangeLog.RemovalKind;
import io.rapport.store.RecordStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Access changes for change tracking: a new row version on a granted share, a tombstone on a removed one, and a loss
 * per entity when a user's roles, teams or business unit no longer let them read what they could.
 */
@Component
class DefaultRecordAccessChanges implements RecordAccessChanges {

    private final MetadataService metadata;
    private final RecordStore store;
    private final ChangeLog changeLog;
    private final AccessChecker access;

    DefaultRecordAccessChanges(MetadataService metadata, RecordStore store, ChangeLog changeLog,
            AccessChecker access) {
        this.metadata = metadata;
        this.store = store;
        this.changeLog = changeLog;
        this.access = access;
    }

    @Override
    public Map<String, AccessRule> readRules(UUID user) {
        RecordAccess now = access.readAccess(new Caller(user, null, null, null, null, null, Channel.SYSTEM));
        Map<String, AccessRule> rules = new LinkedHashMap<>();
        for (EntityMetadata e : metadata.snapshot().entities()) {
            if (e.isChangeTracked()) {
                rules.put(e.logicalName(), now.ruleFor(e.logicalName()));
            }
        }
        return rules;
    }

    @Override
    public void readRulesChanged(UUID user, Map<String, AccessRule> before) {
        Map<String, AccessRule> after = readRules(user);
        before.forEach((entity, former) -> {
            AccessRule now = after.get(entity);
            if (now != null && !covers(now, former)) {
                changeLog.recordAccessLoss(metadata.snapshot().entity(entity), user, former);
            }
        });
    }

    /** Whether every record {@code former} admits is admitted by {@code now} as well (judged on the rules alone). */
    static boolean covers(AccessRule now, AccessRule former) {
        if (now.all()) {
            return true;
        }
        return !former.all() && now.ownerIds().containsAll(former.ownerIds())
                && now.businessUnitIds().containsAll(former.businessUnitIds())
                && now.sharedWithPrincipalIds().containsAll(former.sharedWithPrincipalIds());
    }

    @Override
    public void readGranted(EntityReference record) {
        EntityMetadata e = metadata.snapshot().entity(record.logicalName());
        if (e.isChangeTracked()) {
            io.rapport.pipeline.RecordReads.forget(e.logicalName(), record.id());
            store.update(e, record.id(), Map.of(), null);
        }
    }

    @Override
    public void readRemoved(EntityReference record, UUID principal) {
        changeLog.recordRemoval(metadata.snapshot().entity(record.logicalName()), record.id(), RemovalKind.ACCESS,
                principal, null);
    }
}
