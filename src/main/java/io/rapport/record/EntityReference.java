package io.rapport.record;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A pointer to one record: its entity logical name and id, or (before it is resolved) the values of one of the
 * entity's alternate keys. The display name is filled in by reads and ignored by writes.
 */
public record EntityReference(String logicalName, UUID id, String name, Map<String, Object> keyAttributes) {

    public EntityReference {
        Objects.requireNonNull(logicalName, "logicalName");
        keyAttributes = keyAttributes == null ? Map.of() : Map.copyOf(keyAttributes);
        if (id == null && keyAttributes.isEmpty()) {
            throw new IllegalArgumentException("An entity reference needs an id or key attributes");
        }
    }

    public EntityReference(String logicalName, UUID id) {
        this(logicalName, id, null, Map.of());
    }

    public EntityReference(String logicalName, UUID id, String name) {
        this(logicalName, id, name, Map.of());
    }

    /** A reference by alternate key, e.g. {@code account(accountnumber='A-1')}. */
    public static EntityReference byKey(String logicalName, Map<String, Object> keyAttributes) {
        return new EntityReference(logicalName, null, null, keyAttributes);
    }

    public boolean isByKey() {
        return id == null;
    }

    public EntityReference withId(UUID newId) {
        return new EntityReference(logicalName, newId, name, Map.of());
    }

    public EntityReference withName(String newName) {
        return new EntityReference(logicalName, id, newName, keyAttributes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EntityReference other && logicalName.equals(other.logicalName)
                && Objects.equals(id, other.id) && (id != null || keyAttributes.equals(other.keyAttributes));
    }

    @Override
    public int hashCode() {
        return Objects.hash(logicalName, id);
    }

    @Override
    public String toString() {
        return logicalName + "(" + (id != null ? id : keyAttributes) + ")";
    }
}
