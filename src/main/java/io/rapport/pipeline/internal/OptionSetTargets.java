package io.rapport.pipeline.internal;

import io.rapport.metadata.MetadataNames;
import java.util.List;
import java.util.UUID;

/** How the option value messages name their option set: a global one by name, or an entity's attribute. */
final class OptionSetTargets {

    private OptionSetTargets() {
    }

    static List<String> missing(String optionSetName, String entity, String attribute) {
        return optionSetName != null ? new java.util.ArrayList<>() : CustomizationHandler.missing(
                "OptionSetName or EntityLogicalName", entity, "AttributeLogicalName", attribute);
    }

    static String auditEntity(String optionSetName, String entity) {
        return entity != null ? entity : optionSetName;
    }

    static UUID metadataId(String optionSetName, String entity, String attribute) {
        return optionSetName != null ? MetadataNames.metadataId("optionset", optionSetName)
                : MetadataNames.metadataId("attribute", entity, attribute);
    }
}
