package io.rapport.metadata;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Who owns the records of an entity: a user or team, a business unit, or the organization. */
public enum OwnershipType {
    USER("UserOwned"),
    BUSINESS("BusinessOwned"),
    ORGANIZATION("OrganizationOwned");

    private final String dataverseName;

    OwnershipType(String dataverseName) {
        this.dataverseName = dataverseName;
    }

    public String dataverseName() {
        return dataverseName;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static OwnershipType fromJson(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
