package io.rapport.metadata;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * One attribute (column) of an entity. Built-in attributes are read from YAML into this record; custom ones
 * are created with the same record, so validation, store, API and UI treat both alike.
 *
 * @param optionSet the choices of an option-set attribute (resolved from {@code globalOptionSet} if global)
 * @param format a display/validation hint: {@code email}, {@code url}, {@code phone}, {@code text} for
 *     strings; {@code dateonly} or {@code dateandtime} for dates
 * @param managed set and kept by the platform (created on, version...); clients cannot write it
 * @param secured protected by field-level security profiles
 * @param validForRead {@code false} for a write-only secret (a password, a key): its value is accepted on create and
 *     update but never leaves the server by any read path (queries, expands, FetchXML, exports, audit history, change
 *     tracking, forms); the store does not select it unless a system job asks for it by name, and no query may
 *     filter, sort, group or aggregate on it (Dataverse's {@code IsValidForRead})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AttributeMetadata(
        String logicalName,
        String schemaName,
        AttributeType type,
        Label displayName,
        Label description,
        RequiredLevel requiredLevel,
        Integer maxLength,
        BigDecimal minValue,
        BigDecimal maxValue,
        Integer precision,
        List<String> targets,
        List<LookupRelationship> relationships,
        OptionSetMetadata optionSet,
        String globalOptionSet,
        String format,
        Object defaultValue,
        // whether it was created by customization (stored as "custom"; never written for built-ins)
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) Boolean custom,
        Boolean managed,
        Boolean validForCreate,
        Boolean validForUpdate,
        Boolean searchable,
        Boolean secured,
        Boolean auditEnabled,
        Boolean validForRead) {

    public AttributeMetadata {
        if (logicalName == null || type == null) {
            throw new IllegalArgumentException("An attribute needs a logicalName and a type");
        }
        logicalName = logicalName.toLowerCase(Locale.ROOT);
        schemaName = schemaName == null ? MetadataNames.pascal(logicalName) : schemaName;
        displayName = displayName == null ? Label.of(schemaName) : displayName;
        description = description == null ? Label.empty() : description;
        requiredLevel = requiredLevel == null ? RequiredLevel.NONE : requiredLevel;
        targets = targets == null ? List.of() : List.copyOf(targets);
        relationships = relationships == null ? List.of() : List.copyOf(relationships);
        custom = Boolean.TRUE.equals(custom);
        managed = Boolean.TRUE.equals(managed);
        validForCreate = validForCreate == null ? !managed : validForCreate;
        validForUpdate = validForUpdate == null ? !managed : validForUpdate;
        searchable = Boolean.TRUE.equals(searchable);
        secured = Boolean.TRUE.equals(secured);
        // kept only when false, so that the stored JSON of every other attribute stays as it was (nodes of an older
        // version reading it refuse properties they do not know)
        validForRead = Boolean.FALSE.equals(validForRead) ? Boolean.FALSE : null;
        // a write-only value never reaches the audit history either
        auditEnabled = validForRead == null && (auditEnabled == null || auditEnabled);
        maxLength = maxLength == null ? type.defaultMaxLength() : maxLength;
        precision = precision == null ? type.defaultPrecision() : precision;
    }

    /** An attribute readable as any other (the form of the record before {@code validForRead}). */
    public AttributeMetadata(String logicalName, String schemaName, AttributeType type, Label displayName,
            Label description, RequiredLevel requiredLevel, Integer maxLength, BigDecimal minValue, BigDecimal maxValue,
            Integer precision, List<String> targets, List<LookupRelationship> relationships, OptionSetMetadata optionSet,
            String globalOptionSet, String format, Object defaultValue, Boolean custom, Boolean managed,
            Boolean validForCreate, Boolean validForUpdate, Boolean searchable, Boolean secured, Boolean auditEnabled) {
        this(logicalName, schemaName, type, displayName, description, requiredLevel, maxLength, minValue, maxValue,
                precision, targets, relationships, optionSet, globalOptionSet, format, defaultValue, custom, managed,
                validForCreate, validForUpdate, searchable, secured, auditEnabled, null);
    }

    /** A minimal attribute, for building metadata in code. */
    public static AttributeMetadata of(String logicalName, AttributeType type, Label label) {
        return new AttributeMetadata(logicalName, null, type, label, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    /** Whether values may be read at all ({@code false}: a write-only secret). */
    @JsonIgnore
    public boolean isReadable() {
        return validForRead == null;
    }

    @JsonIgnore
    public boolean isManaged() {
        return managed;
    }

    @JsonIgnore
    public boolean isRequired() {
        return requiredLevel.isRequired();
    }

    /** Whether the stored value needs a second column naming the target entity. */
    @JsonIgnore
    public boolean isPolymorphic() {
        return type.isLookup() && (targets.size() > 1 || type.alwaysPolymorphic());
    }

    /** The column holding the target entity name of a polymorphic lookup. */
    @JsonIgnore
    public String typeColumn() {
        return logicalName + "type";
    }

    public String label(Locale locale) {
        return displayName.get(locale);
    }

    public AttributeMetadata withDisplayName(Label label) {
        return new AttributeMetadata(logicalName, schemaName, type, label, description, requiredLevel, maxLength,
                minValue, maxValue, precision, targets, relationships, optionSet, globalOptionSet, format,
                defaultValue, custom, managed, validForCreate, validForUpdate, searchable, secured, auditEnabled,
                validForRead);
    }

    public AttributeMetadata withOptionSet(OptionSetMetadata options) {
        return new AttributeMetadata(logicalName, schemaName, type, displayName, description, requiredLevel,
                maxLength, minValue, maxValue, precision, targets, relationships, options, globalOptionSet, format,
                defaultValue, custom, managed, validForCreate, validForUpdate, searchable, secured, auditEnabled,
                validForRead);
    }

    public AttributeMetadata withRelationships(List<LookupRelationship> declared) {
        return new AttributeMetadata(logicalName, schemaName, type, displayName, description, requiredLevel,
                maxLength, minValue, maxValue, precision, targets, declared, optionSet, globalOptionSet, format,
                defaultValue, custom, managed, validForCreate, validForUpdate, searchable, secured, auditEnabled,
                validForRead);
    }

    public AttributeMetadata withCustom(boolean isCustom) {
        return new AttributeMetadata(logicalName, schemaName, type, displayName, description, requiredLevel,
                maxLength, minValue, maxValue, precision, targets, relationships, optionSet, globalOptionSet, format,
                defaultValue, isCustom, managed, validForCreate, validForUpdate, searchable, secured, auditEnabled,
                validForRead);
    }

    public AttributeMetadata withRequiredLevel(RequiredLevel level) {
        return new AttributeMetadata(logicalName, schemaName, type, displayName, description, level,
                maxLength, minValue, maxValue, precision, targets, relationships, optionSet, globalOptionSet, format,
                defaultValue, custom, managed, validForCreate, validForUpdate, searchable, secured, auditEnabled,
                validForRead);
    }
}
