package io.rapport.metadata.internal;

import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.OptionSetMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * The metadata snapshot of the built-in definitions, built from the resource files as the application builds it at
 * start-up, for focused tests that run without a Spring context or a database.
 */
public final class BuiltInSnapshot {

    private static MetadataSnapshot snapshot;

    private BuiltInSnapshot() {
    }

    public static synchronized MetadataSnapshot get() {
        if (snapshot == null) {
            BuiltInDefinitions builtIns = new BuiltInDefinitions();
            List<MetadataRow> rows = new ArrayList<>();
            for (OptionSetMetadata set : builtIns.globalOptionSets()) {
                rows.add(new MetadataRow(MetadataRow.OPTION_SET, set.name(), MetadataRow.SYSTEM,
                        MetadataJson.write(set)));
            }
            for (EntityMetadata entity : builtIns.entities()) {
                rows.add(new MetadataRow(MetadataRow.ENTITY, entity.logicalName(), MetadataRow.SYSTEM,
                        MetadataJson.write(entity)));
            }
            snapshot = SnapshotBuilder.build(1, rows);
        }
        return snapshot;
    }
}
