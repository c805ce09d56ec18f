package io.rapport.metadata;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How strongly an attribute must have a value, as Dataverse's AttributeRequiredLevel. */
public enum RequiredLevel {
    NONE("None"),
    RECOMMENDED("Recommended"),
    APPLICATION("ApplicationRequired"),
    SYSTEM("SystemRequired");

    private final String dataverseName;

    RequiredLevel(String dataverseName) {
        this.dataverseName = dataverseName;
    }

    public String dataverseName() {
        return dataverseName;
    }

    public boolean isRequired() {
        return this == APPLICATION || this == SYSTEM;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RequiredLevel fromJson(String value) {
        for (RequiredLevel l : values()) {
            if (l.name().equalsIgnoreCase(value) || l.dataverseName.equalsIgnoreCase(value)) {
                return l;
            }
        }
        throw new IllegalArgumentException("Unknown required level " + value);
    }
}
