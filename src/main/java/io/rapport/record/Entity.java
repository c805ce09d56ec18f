package io.rapport.record;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One record: entity logical name, id and attribute values keyed by attribute logical name. Values are plain
 * Java types chosen by the attribute type: {@code String}, {@code Integer} (whole numbers, option sets, state
 * and status), {@code Long}, {@code BigDecimal} (decimal and money), {@code Double}, {@code Boolean},
 * {@code Instant} (date and time), {@code LocalDate} (date only), {@code int[]} (multi-select option sets),
 * {@link EntityReference} (lookups) and {@code UUID}. A key mapped to {@code null} means "set to null";
 * an absent key means "not touched". Values of linked entities in query results use keys {@code alias.attr}.
 */
public final class Entity {

    private final String logicalName;
    private UUID id;
    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final Map<String, String> formattedValues = new LinkedHashMap<>();

    public Entity(String logicalName) {
        this(logicalName, null);
    }

    public Entity(String logicalName, UUID id) {
        this.logicalName = Objects.requireNonNull(logicalName, "logicalName");
        this.id = id;
    }

    public String logicalName() {
        return logicalName;
    }

    public UUID id() {
        return id;
    }

    public void setId(UUID id) {
        this.id = id;
    }

    public EntityReference toReference() {
        return new EntityReference(logicalName, id);
    }

    /** Sets a value and returns this record, for fluent building. */
    public Entity set(String attribute, Object value) {
        attributes.put(attribute, value);
        return this;
    }

    public Object get(String attribute) {
        return attributes.get(attribute);
    }

    public boolean contains(String attribute) {
        return attributes.containsKey(attribute);
    }

    public Object remove(String attribute) {
        return attributes.remove(attribute);
    }

    public String getString(String attribute) {
        Object v = attributes.get(attribute);
        return v == null ? null : v.toString();
    }

    public Integer getInteger(String attribute) {
        return (Integer) attributes.get(attribute);
    }

    public BigDecimal getDecimal(String attribute) {
        return (BigDecimal) attributes.get(attribute);
    }

    public Boolean getBoolean(String attribute) {
        return (Boolean) attributes.get(attribute);
    }

    public Instant getInstant(String attribute) {
        return (Instant) attributes.get(attribute);
    }

    public EntityReference getReference(String attribute) {
        return (EntityReference) attributes.get(attribute);
    }

    public Long getLong(String attribute) {
        return (Long) attributes.get(attribute);
    }

    /** The live attribute map, in insertion order. */
    public Map<String, Object> attributes() {
        return attributes;
    }

    /** Values formatted for display in the caller's language (labels of options, names of lookups...). */
    public Map<String, String> formattedValues() {
        return formattedValues;
    }

    /** A deep-enough copy: a new attribute map holding the same immutable values. */
    public Entity copy() {
        Entity e = new Entity(logicalName, id);
        e.attributes.putAll(attributes);
        e.formattedValues.putAll(formattedValues);
        return e;
    }

    public Map<String, Object> unmodifiableAttributes() {
        return Collections.unmodifiableMap(attributes);
    }

    @Override
    public String toString() {
        return logicalName + "(" + id + ")" + attributes;
    }
}
