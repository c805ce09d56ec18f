package io.rapport.store.internal;

import io.rapport.metadata.EntityMetadata;

/** An entity as it appears in one SQL statement, under a table alias. */
record Scope(EntityMetadata entity, String alias) {
}
