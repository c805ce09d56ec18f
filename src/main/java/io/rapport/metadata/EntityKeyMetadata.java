package io.rapport.metadata;

import java.util.List;

/** An alternate key: attributes whose values together identify one record (unique in the database). */
public record EntityKeyMetadata(String logicalName, Label displayName, List<String> keyAttributes) {

    public EntityKeyMetadata {
        keyAttributes = List.copyOf(keyAttributes);
        displayName = displayName == null ? Label.of(logicalName) : displayName;
    }
}
