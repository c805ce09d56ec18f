package io.rapport.metadata;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** What an action on a parent record does to its children, as Dataverse's CascadeType. */
public enum CascadeType {
    CASCADE("Cascade"),
    ACTIVE("Active"),
    USER_OWNED("UserOwned"),
    NO_CASCADE("NoCascade"),
    REMOVE_LINK("RemoveLink"),
    RESTRICT("Restrict");

    private final String dataverseName;

    CascadeType(String dataverseName) {
        this.dataverseName = dataverseName;
    }

    @JsonValue
    public String dataverseName() {
        return dataverseName;
    }

    @JsonCreator
    public static CascadeType fromJson(String value) {
        for (CascadeType t : values()) {
            if (t.dataverseName.equalsIgnoreCase(value) || t.name().equalsIgnoreCase(value)) {
                return t;
            }
        }
        throw new IllegalArgumentException("Unknown cascade type " + value);
    }
}
