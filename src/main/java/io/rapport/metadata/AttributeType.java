package io.rapport.metadata;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.rapport.metadata.types.BigIntType;
import io.rapport.metadata.types.BooleanType;
import io.rapport.metadata.types.ChoiceType;
import io.rapport.metadata.types.DateOnlyType;
import io.rapport.metadata.types.DateTimeType;
import io.rapport.metadata.types.DecimalType;
import io.rapport.metadata.types.DoubleType;
import io.rapport.metadata.types.LookupType;
import io.rapport.metadata.types.MoneyType;
import io.rapport.metadata.types.MultiChoiceType;
import io.rapport.metadata.types.OwnerType;
import io.rapport.metadata.types.TextType;
import io.rapport.metadata.types.UniqueIdentifierType;
import io.rapport.metadata.types.WholeNumberType;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jooq.DataType;

/**
 * An attribute type: everything Rapport does with the values of one kind of attribute, in one class. Parsing
 * (Web API JSON, CSV/Excel cells, form input, query values), validation, the SQL column and its binding, JSON
 * output, formatting and the UI input kind. Modules never switch on the type; they call it. Adding a type is one
 * subclass plus its registration: declare it as a Spring bean (the metadata service registers every
 * {@code AttributeType} bean before it reads the metadata) or call {@link #register}. The built-in types are the
 * constants below, named as Dataverse names them (AttributeTypeCode), plus date-only dates. Instances are
 * compared by identity (one per name).
 */
public abstract class AttributeType {

    private static final Map<String, AttributeType> REGISTRY = new ConcurrentHashMap<>();
    private static final List<AttributeType> BUILT_IN = new ArrayList<>();

    public static final AttributeType STRING = builtIn(new TextType("string", "String", 100, 4000, false));
    public static final AttributeType MEMO = builtIn(new TextType("memo", "Memo", 2000, 1_048_576, true));
    public static final AttributeType INTEGER = builtIn(new WholeNumberType());
    public static final AttributeType BIGINT = builtIn(new BigIntType());
    public static final AttributeType DECIMAL = builtIn(new DecimalType("decimal", "Decimal"));
    public static final AttributeType DOUBLE = builtIn(new DoubleType());
    public static final AttributeType MONEY = builtIn(new MoneyType());
    public static final AttributeType BOOLEAN = builtIn(new BooleanType());
    public static final AttributeType DATETIME = builtIn(new DateTimeType());
    public static final AttributeType DATE = builtIn(new DateOnlyType());
    public static final AttributeType PICKLIST = builtIn(new ChoiceType("picklist", "Picklist"));
    public static final AttributeType MULTISELECT_PICKLIST = builtIn(new MultiChoiceType());
    public static final AttributeType STATE = builtIn(new ChoiceType("state", "State"));
    public static final AttributeType STATUS = builtIn(new ChoiceType("status", "Status"));
    public static final AttributeType LOOKUP = builtIn(new LookupType("lookup", "Lookup"));
    public static final AttributeType CUSTOMER = builtIn(new LookupType("customer", "Customer"));
    public static final AttributeType OWNER = builtIn(new OwnerType());
    public static final AttributeType UNIQUEIDENTIFIER = builtIn(new UniqueIdentifierType());

    private final String name;
    private final String dataverseName;

    /**
     * @param name the name in metadata files and JSON, lower case ({@code money})
     * @param dataverseName the AttributeTypeCode name Dataverse reports ({@code Money})
     */
    protected AttributeType(String name, String dataverseName) {
        this.name = name.toLowerCase(Locale.ROOT);
        this.dataverseName = dataverseName;
    }

    private static AttributeType builtIn(AttributeType type) {
        register(type);
        BUILT_IN.add(type);
        return type;
    }

    /**
     * Adds a type and returns the registered one. Registering the same class again (a second application
     * context in one JVM) keeps the first instance; another class under a taken name is refused.
     */
    public static AttributeType register(AttributeType type) {
        AttributeType before = REGISTRY.putIfAbsent(type.json(), type);
        if (before == null) {
            return type;
        }
        if (before.getClass() != type.getClass()) {
            throw new IllegalStateException("An attribute type named " + type.json() + " is registered already");
        }
        return before;
    }

    /** The type registered under a name ({@code money}, {@code multiselect-picklist}). */
    @JsonCreator
    public static AttributeType fromJson(String value) {
        AttributeType t = REGISTRY.get(value.toLowerCase(Locale.ROOT).replace('-', '_'));
        if (t == null) {
            throw new IllegalArgumentException("Unknown attribute type " + value);
        }
        return t;
    }

    /** The types every organization has. */
    public static List<AttributeType> builtIns() {
        return List.copyOf(BUILT_IN);
    }

    /** Every registered type, the built-in ones first. */
    public static Collection<AttributeType> all() {
        List<AttributeType> all = new ArrayList<>(BUILT_IN);
        REGISTRY.values().stream().filter(t -> !all.contains(t)).forEach(all::add);
        return all;
    }

    @JsonValue
    public final String json() {
        return name;
    }

    /** The constant-style name ({@code MULTISELECT_PICKLIST}). */
    public final String name() {
        return name.toUpperCase(Locale.ROOT);
    }

    /** The AttributeTypeCode name Dataverse reports. */
    public final String dataverseName() {
        return dataverseName;
    }

    @Override
    public final String toString() {
        return name();
    }

    // ---- kind ----

    public boolean isLookup() {
        return false;
    }

    /** Lookups that may point at more than one entity keep the target's entity name in a second column. */
    public boolean isPolymorphicCapable() {
        return isLookup();
    }

    /** Whether the stored value needs the target entity's name beside it even with a single target. */
    public boolean alwaysPolymorphic() {
        return false;
    }

    public boolean hasOptions() {
        return false;
    }

    public boolean isNumeric() {
        return false;
    }

    public boolean isText() {
        return false;
    }

    /** The maximum length a new attribute gets when none is given (text types). */
    public Integer defaultMaxLength() {
        return null;
    }

    /** The number of decimals a new attribute gets when none is given. */
    public Integer defaultPrecision() {
        return null;
    }

    /** Why a new custom attribute of this type is not valid, or null; the type-specific part of customization. */
    public String definitionProblem(AttributeMetadata a, MetadataSnapshot snapshot) {
        return "Attributes of type " + json() + " are created by the system and cannot be added.";
    }

    /**
     * Whether an alternate key may include an attribute of this type (not multi-line text, multi-select choices,
     * floating point, money, customer or owner).
     */
    public boolean validForKey() {
        return true;
    }

    /** Whether the values are long, multi-line text (kept out of list columns and default views). */
    public boolean isMultiline() {
        return false;
    }

    /** Whether the values are sets of choices (the contain-values operators apply). */
    public boolean isMultiSelect() {
        return false;
    }

    /** Whether the values are dates or date-times (the date operators such as on or last-x-days apply). */
    public boolean isDate() {
        return false;
    }

    /** Whether the values are calendar days, without a time or a time zone. */
    public boolean isDateOnly() {
        return false;
    }

    /** Whether a new attribute of this type brings its own options (a choice), rather than fixed or system ones. */
    public boolean hasCustomOptions() {
        return false;
    }

    /** The option set of an attribute of this type whose definition names none (yes/no for two options), or null. */
    public OptionSetMetadata defaultOptionSet(String name) {
        return null;
    }

    /** The format a new attribute of this type gets when none is given ({@code dateonly}), or null. */
    public String defaultFormat() {
        return null;
    }

    /**
     * Whether the lookup has one navigation property named after the attribute for all its targets (the owner: a
     * user or a team) rather than one per target when it has several.
     */
    public boolean oneNavigationForAllTargets() {
        return false;
    }

    /**
     * Whether setting this lookup to a user-owned record needs Append on the record and AppendTo on the target
     * (the owner is changed by Assign, which has its own check).
     */
    public boolean needsAppendTo() {
        return isLookup();
    }

    /** Whether an attribute map may copy a value of {@code from} (of this type) into {@code to}. */
    public boolean canMapTo(AttributeMetadata from, AttributeMetadata to) {
        return to.type() == this;
    }

    /** Whether the attribute is one of the columns of the views generated for an entity. */
    public boolean inDefaultViews() {
        return true;
    }

    /**
     * Whether the form generated for an entity lets a person edit the attribute (state, status, ids and the owner
     * are changed by their own actions).
     */
    public boolean editableOnDefaultForm(AttributeMetadata a) {
        return true;
    }

    // ---- Dataverse metadata (EntityDefinitions) ----

    /** The kind of AttributeMetadata Dataverse describes the attribute with ({@code <kind>AttributeMetadata}). */
    public String metadataKind() {
        return dataverseName;
    }

    /** The AttributeTypeName Dataverse reports ({@code StringType}, {@code CustomerType}). */
    public String typeName() {
        return dataverseName + "Type";
    }

    /** The Format Dataverse reports in the attribute's metadata ({@code Email}, {@code DateOnly}), or null. */
    public String metadataFormat(AttributeMetadata a) {
        String f = a.format();
        return f == null || f.isEmpty() ? null : f.substring(0, 1).toUpperCase(Locale.ROOT) + f.substring(1);
    }

    /** Whether the option set is Dataverse's BooleanOptionSetMetadata (TrueOption and FalseOption). */
    public boolean isTwoOptions() {
        return false;
    }

    /** The OptionSetType of the attribute's option set. */
    public String optionSetType() {
        return "Picklist";
    }

    // ---- SQL ----

    /** The column type of the attribute's main column. */
    public abstract DataType<?> sqlType(AttributeMetadata a);

    /** The Java type the database hands back for the main column. */
    public abstract Class<?> columnJavaType();

    /** The Java type query conditions compare the column with (a multi-select column is text, its values numbers). */
    public Class<?> queryJavaType() {
        return columnJavaType();
    }

    /** The value of the main column for a (validated) attribute value. */
    public Object toColumn(Object value) {
        return value;
    }

    /** The attribute value of a column value (lookups are built by the store, which knows the target). */
    public Object fromColumn(Object column) {
        return column;
    }

    // ---- validation ----

    /**
     * Checks and normalizes a value a client or a plugin set: the Java type, length, range, precision, option.
     * Empty text becomes null, decimals are rounded to the attribute's precision.
     *
     * @throws InvalidValueException when the value cannot be stored
     */
    public abstract Object normalize(AttributeMetadata a, Object value, ValueChecks checks);

    // ---- Web API JSON ----

    /** The Edm type of the attribute in CSDL. */
    public abstract String edmType();

    /**
     * The Java value of a (non-null) JSON value.
     *
     * @throws InvalidValueException when the JSON value is not of the attribute's Edm type
     */
    public abstract Object readJson(AttributeMetadata a, JsonNode json);

    /** The JSON value of a Java value. */
    public abstract JsonNode writeJson(Object value);

    // ---- text: CSV/Excel cells, form inputs, query values ----

    /**
     * The value of the text of an imported cell: numbers with either separator, local dates, yes/no words,
     * choices by label.
     *
     * @throws InvalidValueException with a reason for the importer when the text cannot be read
     */
    public abstract Object readCell(AttributeMetadata a, String text, CellContext context);

    /**
     * The cell of an exported value: a number stays a number (for spreadsheets), everything else is the text a
     * person reads.
     */
    public Object writeCell(AttributeMetadata a, Object value, String formatted) {
        return formatted != null ? formatted : value.toString();
    }

    /**
     * The value of a form input as the browser posts it (ISO dates, plain numbers).
     *
     * @throws IllegalArgumentException or {@link java.time.DateTimeException} when the text is not of the type
     */
    public abstract Object parseInput(String text, ZoneId zone);

    /** The value of a query condition given as text or as another Java type, in the column's Java type. */
    public abstract Object queryValue(AttributeMetadata a, Object value, ZoneId zone);

    // ---- people ----

    /** The text a person reads for a value, or null when the raw value reads well (text, ids). */
    public String format(AttributeMetadata a, Object value, ValueFormatter formatter, ValueFormatter.Context c) {
        return null;
    }

    /**
     * The kind of input the form renders for the attribute ({@code text}, {@code email}, {@code memo},
     * {@code integer}, {@code decimal}, {@code money}, {@code boolean}, {@code date}, {@code datetime},
     * {@code picklist}, {@code multiselect}, {@code lookup}, {@code readonly}); the web module keeps one
     * renderer per kind.
     */
    public abstract String inputKind(AttributeMetadata a);

    /** The kind of column filter a list offers ({@code text}, {@code number}, {@code date}, {@code select}, {@code none}). */
    public String filterKind() {
        return "none";
    }
}
