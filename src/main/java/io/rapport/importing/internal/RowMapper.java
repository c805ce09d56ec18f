package io.rapport.importing.internal;

import io.rapport.importing.ColumnMapping;
import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.record.Entity;
import java.util.List;

/** Turns one row of the file into a record of the target entity, cell by cell, following the mapping. */
final class RowMapper {

    /** A cell that could not be read, with the column it is in. */
    static final class RowFailure extends Exception {
        private final String column;

        RowFailure(String column, String reason) {
            super(reason, null, false, false);
            this.column = column;
        }

        String column() {
            return column;
        }
    }

    private final EntityMetadata entity;
    private final List<ColumnMapping> mapping;
    private final ValueParser parser;
    private final LookupResolver lookups;

    RowMapper(EntityMetadata entity, List<ColumnMapping> mapping, ValueParser parser, LookupResolver lookups) {
        this.entity = entity;
        this.mapping = mapping.stream().filter(m -> m.attribute() != null).toList();
        this.parser = parser;
        this.lookups = lookups;
    }

    Entity map(List<String> values) throws RowFailure {
        Entity record = new Entity(entity.logicalName());
        for (ColumnMapping m : mapping) {
            String text = m.column() < values.size() ? values.get(m.column()) : null;
            if (Text.isBlank(text)) {
                continue;
            }
            AttributeMetadata a = entity.attribute(m.attribute());
            if (text.indexOf('\0') >= 0) {
                // a NUL byte in the file: the row is refused, never sent to a database that cannot store it
                throw new RowFailure(m.header(), "The value contains a NUL character (U+0000), which text cannot "
                        + "hold.");
            }
            try {
                record.set(a.logicalName(), a.type().isLookup() ? lookups.resolve(a, text, m.lookupBy())
                        : parser.parse(a, text));
            } catch (ValueParser.BadValue e) {
                throw new RowFailure(m.header(), e.getMessage());
            }
        }
        return record;
    }

    /** The column header a pipeline error's attribute came from, or {@code null}. */
    String columnOf(String attribute) {
        return mapping.stream().filter(m -> m.attribute().equals(attribute)).map(ColumnMapping::header).findFirst()
                .orElse(null);
    }
}
