package io.rapport.metadata;

import java.util.AbstractList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.RandomAccess;

/**
 * An entity's attributes: an immutable list, in declaration order, indexed by logical name. The pipeline looks
 * attributes up by name several times per value of every record it writes; an entity has a hundred or more.
 */
final class AttributeList extends AbstractList<AttributeMetadata> implements RandomAccess {

    private final List<AttributeMetadata> attributes;
    private final Map<String, AttributeMetadata> byName;

    private AttributeList(List<AttributeMetadata> attributes) {
        this.attributes = List.copyOf(attributes);
        this.byName = new HashMap<>(this.attributes.size() * 2);
        // the first of a name wins, as a scan in declaration order finds it
        this.attributes.forEach(a -> byName.putIfAbsent(a.logicalName(), a));
    }

    static AttributeList of(List<AttributeMetadata> attributes) {
        return attributes instanceof AttributeList indexed ? indexed : new AttributeList(attributes);
    }

    /** The attribute of that logical name, or {@code null}. */
    AttributeMetadata named(String logicalName) {
        return byName.get(logicalName);
    }

    @Override
    public AttributeMetadata get(int index) {
        return attributes.get(index);
    }

    @Override
    public int size() {
        return attributes.size();
    }
}
