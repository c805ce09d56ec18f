package io.rapport.pipeline.internal;

import io.rapport.metadata.MetadataNames;
import io.rapport.pipeline.MetadataMessages.OptionSetTarget;
import java.util.List;
import java.util.UUID;

/** The option set of an option value message as its audit entry and its missing parts name it. */
final class OptionSetTargets {

    private OptionSetTargets() {
    }

    /** The missing parts of the option set's name: a global name, or an entity and an attribute. */
    static List<String> missing(OptionSetTarget t) {
        return t.optionSetName() != null ? new java.util.ArrayList<>() : CustomizationHandler.missing(
                "OptionSetName or EntityLogicalName", t.entityLogicalName(), "AttributeLogicalName",
                t.attributeLogicalName());
    }

    /** What the audit entry names as its entity: the entity of a local set, else the global set. */
    static String auditEntity(OptionSetTarget t) {
        return t.entityLogicalName() != null ? t.entityLogicalName() : t.optionSetName();
    }

    /** The option set the target names in the snapshot (global, or the attribute's own), or null. */
    static io.rapport.metadata.OptionSetMetadata set(io.rapport.metadata.MetadataSnapshot s, OptionSetTarget t) {
        if (t.optionSetName() != null) {
            return s.globalOptionSets().get(t.optionSetName());
        }
        return s.findEntity(t.entityLogicalName()).flatMap(e -> e.findAttribute(t.attributeLogicalName()))
                .map(a -> a.optionSet()).orElse(null);
    }

    /** The value the change added: the one in {@code after} not in {@code before} (else {@code asked}). */
    static int added(io.rapport.metadata.MetadataSnapshot before, io.rapport.metadata.MetadataSnapshot after,
            OptionSetTarget t, int asked) {
        java.util.Set<Integer> old = values(set(before, t));
        return values(set(after, t)).stream().filter(v -> !old.contains(v)).findFirst().orElse(asked);
    }

    private static java.util.Set<Integer> values(io.rapport.metadata.OptionSetMetadata set) {
        return set == null ? java.util.Set.of() : set.options().stream().map(io.rapport.metadata.OptionMetadata::value)
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The MetadataId of the global option set, or of the attribute holding the local one. */
    static UUID metadataId(OptionSetTarget t) {
        return t.optionSetName() != null ? MetadataNames.metadataId("optionset", t.optionSetName())
                : MetadataNames.metadataId("attribute", t.entityLogicalName(), t.attributeLogicalName());
    }
}
