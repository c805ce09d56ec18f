package io.rapport.metadata;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Attribute types, named as Dataverse names them (AttributeTypeCode), plus date-only dates. */
public enum AttributeType {
    STRING("String"),
    MEMO("Memo"),
    INTEGER("Integer"),
    BIGINT("BigInt"),
    DECIMAL("Decimal"),
    DOUBLE("Double"),
    MONEY("Money"),
    BOOLEAN("Boolean"),
    DATETIME("DateTime"),
    DATE("DateTime"),
    PICKLIST("Picklist"),
    MULTISELECT_PICKLIST("Virtual"),
    STATE("State"),
    STATUS("Status"),
    LOOKUP("Lookup"),
    CUSTOMER("Customer"),
    OWNER("Owner"),
    UNIQUEIDENTIFIER("Uniqueidentifier");

    private final String dataverseName;

    AttributeType(String dataverseName) {
        this.dataverseName = dataverseName;
    }

    /** The AttributeTypeCode name Dataverse reports. */
    public String dataverseName() {
        return dataverseName;
    }

    public boolean isLookup() {
        return this == LOOKUP || this == CUSTOMER || this == OWNER;
    }

    /** Lookups that may point at more than one entity keep the target's entity name in a second column. */
    public boolean isPolymorphicCapable() {
        return this == CUSTOMER || this == OWNER || this == LOOKUP;
    }

    public boolean hasOptions() {
        return this == PICKLIST || this == MULTISELECT_PICKLIST || this == STATE || this == STATUS
                || this == BOOLEAN;
    }

    public boolean isNumeric() {
        return this == INTEGER || this == BIGINT || this == DECIMAL || this == DOUBLE || this == MONEY;
    }

    public boolean isText() {
        return this == STRING || this == MEMO;
    }

    @JsonValue
    public String json() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static AttributeType fromJson(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
