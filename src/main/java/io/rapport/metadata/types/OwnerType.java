package io.rapport.metadata.types;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.MetadataSnapshot;

/**
 * The system's {@code owner} lookup: a user or a team, with one navigation property ({@code ownerid}) for both.
 * Only the platform adds it; it changes through Assign, which checks its own privileges.
 */
public class OwnerType extends LookupType {

    public OwnerType() {
        super("owner", "Owner");
    }

    @Override
    public String definitionProblem(AttributeMetadata a, MetadataSnapshot snapshot) {
        return "Attributes of type " + json() + " are created by the system and cannot be added.";
    }

    @Override
    public boolean oneNavigationForAllTargets() {
        return true;
    }

    @Override
    public boolean needsAppendTo() {
        return false;
    }

    @Override
    public boolean editableOnDefaultForm(AttributeMetadata a) {
        return false;
    }
}
