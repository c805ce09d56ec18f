package io.rapport.metadata.types;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.CellContext;
import io.rapport.metadata.InvalidValueException;
import io.rapport.metadata.MetadataSnapshot;
import io.rapport.metadata.ValueChecks;
import io.rapport.metadata.ValueFormatter;
import io.rapport.record.EntityReference;
import java.time.ZoneId;
import java.util.UUID;
import org.jooq.DataType;
import org.jooq.impl.SQLDataType;

/**
 * A reference to another record: {@code lookup}, {@code customer} (account or contact) and the system's
 * {@code owner} (user or team). Stored as the target's id, plus the target's entity name when it may point at
 * more than one entity.
 */
public class LookupType extends AttributeType {

    public LookupType(String name, String dataverseName) {
        super(name, dataverseName);
    }

    @Override
    public boolean isLookup() {
        return true;
    }

    @Override
    public String metadataKind() {
        return "Lookup";
    }

    /** Customer and owner lookups (always polymorphic) cannot be part of a key. */
    @Override
    public boolean validForKey() {
        return !alwaysPolymorphic();
    }

    /** A lookup maps to a lookup that can point at one of its targets. */
    @Override
    public boolean canMapTo(AttributeMetadata from, AttributeMetadata to) {
        return to.type().isLookup() && from.targets().stream().anyMatch(to.targets()::contains);
    }

    @Override
    public boolean alwaysPolymorphic() {
        return !"lookup".equals(json());
    }

    @Override
    public String definitionProblem(AttributeMetadata a, MetadataSnapshot snapshot) {
        if (a.targets().isEmpty()) {
            return "A lookup attribute needs at least one target entity.";
        }
        a.targets().forEach(snapshot::entity);
        return null;
    }

    @Override
    public DataType<?> sqlType(AttributeMetadata a) {
        return SQLDataType.UUID;
    }

    @Override
    public Class<?> columnJavaType() {
        return UUID.class;
    }

    @Override
    public Object toColumn(Object value) {
        return ((EntityReference) value).id();
    }

    @Override
    public Object normalize(AttributeMetadata a, Object value, ValueChecks checks) {
        if (!(value instanceof EntityReference ref)) {
            throw InvalidValueException.wrongType(value, "not a record reference");
        }
        return checks.resolveLookup(a, ref);
    }

    @Override
    public String edmType() {
        return "Edm.Guid";
    }

    /** Lookups are set with {@code <navigation>@odata.bind}, never by value. */
    @Override
    public Object readJson(AttributeMetadata a, JsonNode json) {
        throw InvalidValueException.wrongType(json, "a lookup is set with @odata.bind");
    }

    @Override
    public JsonNode writeJson(Object value) {
        return TextNode.valueOf(((EntityReference) value).id().toString());
    }

    /** Lookup cells are matched against the target's records by the importer, which knows the query. */
    @Override
    public Object readCell(AttributeMetadata a, String text, CellContext context) {
        throw new IllegalStateException("Lookups are resolved by the importer's lookup resolver");
    }

    @Override
    public Object writeCell(AttributeMetadata a, Object value, String formatted) {
        return formatted != null ? formatted : ((EntityReference) value).name();
    }

    /** {@code entity:uuid} as the lookup editor posts it. */
    @Override
    public Object parseInput(String text, ZoneId zone) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("Not a record reference: " + text);
        }
        return new EntityReference(text.substring(0, colon), UUID.fromString(text.substring(colon + 1)));
    }

    @Override
    public Object queryValue(AttributeMetadata a, Object value, ZoneId zone) {
        return Values.toUuid(value);
    }

    @Override
    public String format(AttributeMetadata a, Object value, ValueFormatter formatter, ValueFormatter.Context c) {
        return ((EntityReference) value).name();
    }

    @Override
    public String inputKind(AttributeMetadata a) {
        return "lookup";
    }

    @Override
    public String filterKind() {
        return "text";
    }
}
