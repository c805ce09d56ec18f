package io.rapport.importing.internal;

import io.rapport.importing.ColumnMapping;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Proposes where each column goes: to the attribute whose logical name, schema name or display name in any
 * language matches the header, ignoring case, accents and punctuation. Platform-managed attributes are never
 * proposed; each attribute is used once.
 */
final class ColumnMatcher {

    private ColumnMatcher() {
    }

    static List<ColumnMapping> propose(EntityMetadata entity, List<String> headers) {
        Map<String, AttributeMetadata> byKey = new HashMap<>();
        for (AttributeMetadata a : entity.attributes()) {
            if (a.isManaged() || !a.validForCreate() || a.logicalName().equals(entity.primaryIdAttribute())) {
                continue;
            }
            byKey.putIfAbsent(Text.key(a.logicalName()), a);
            byKey.putIfAbsent(Text.key(a.schemaName()), a);
            a.displayName().values().values().forEach(label -> byKey.putIfAbsent(Text.key(label), a));
        }
        Set<String> used = new HashSet<>();
        List<ColumnMapping> mapping = new ArrayList<>();
        for (int i = 0; i < headers.size(); i++) {
            String header = headers.get(i);
            AttributeMetadata a = byKey.get(Text.key(header));
            String attribute = a != null && used.add(a.logicalName()) ? a.logicalName() : null;
            mapping.add(new ColumnMapping(i, header, attribute, null));
        }
        return mapping;
    }
}
