/**
 * Metadata: entities, attributes, option sets, relationships and keys; the built-in definitions, run-time
 * customization and the immutable, versioned snapshot every request reads.
 */
package io.rapport.metadata;
