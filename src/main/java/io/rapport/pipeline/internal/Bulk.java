package io.rapport.pipeline.internal;

import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import java.util.List;

/** What the bulk messages (CreateMultiple, UpdateMultiple, UpsertMultiple, DeleteMultiple) check alike. */
final class Bulk {

    private Bulk() {
    }

    /** The one entity of the targets, or {@code null} when there are none; records of another fail the message. */
    static EntityMetadata entity(RecordServices services, Execution x, List<String> logicalNames, String message) {
        if (logicalNames.isEmpty()) {
            return null;
        }
        EntityMetadata e = services.support().writableEntity(x, logicalNames.get(0));
        for (int i = 1; i < logicalNames.size(); i++) {
            if (!logicalNames.get(i).equals(e.logicalName())) {
                throw StageRunner.faulted(RapportException.invalid(message + " works on records of one entity; "
                        + "record " + i + " is a " + logicalNames.get(i) + ", not a " + e.logicalName() + "."), i);
            }
        }
        return e;
    }
}
