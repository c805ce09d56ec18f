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

    /** The MetadataId of the global option set, or of the attribute holding the local one. */
    static UUID metadataId(OptionSetTarget t) {
        return t.optionSetName() != null ? MetadataNames.metadataId("optionset", t.optionSetName())
                : MetadataNames.metadataId("attribute", t.entityLogicalName(), t.attributeLogicalName());
    }
}
