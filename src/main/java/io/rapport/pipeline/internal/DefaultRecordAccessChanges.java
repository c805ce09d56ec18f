package io.rapport.pipeline.internal;

import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataService;
import io.rapport.pipeline.RecordAccessChanges;
import io.rapport.record.EntityReference;
import io.rapport.store.ChangeLog;
import io.rapport.store.ChangeLog.RemovalKind;
import io.rapport.store.RecordStore;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Share changes for change tracking: a new row version on a granted read, a tombstone on a removed one. */
@Component
class DefaultRecordAccessChanges implements RecordAccessChanges {

    private final MetadataService metadata;
    private final RecordStore store;
    private final ChangeLog changeLog;

    DefaultRecordAccessChanges(MetadataService metadata, RecordStore store, ChangeLog changeLog) {
        this.metadata = metadata;
        this.store = store;
        this.changeLog = changeLog;
    }

    @Override
    public void readGranted(EntityReference record) {
        EntityMetadata e = metadata.snapshot().entity(record.logicalName());
        if (e.isChangeTracked()) {
            store.update(e, record.id(), Map.of(), null);
        }
    }

    @Override
    public void readRemoved(EntityReference record, UUID principal) {
        changeLog.recordRemoval(metadata.snapshot().entity(record.logicalName()), record.id(), RemovalKind.ACCESS,
                principal, null);
    }
}
