package io.rapport.metadata.internal;

import io.rapport.metadata.MetadataSnapshot;

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
            snapshot = SnapshotBuilder.build(1, new BuiltInDefinitions().rows(() -> null).rows());
        }
        return snapshot;
    }
}
