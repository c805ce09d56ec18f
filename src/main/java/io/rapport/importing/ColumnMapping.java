package io.rapport.importing;

/**
 * Where one column of the file goes: an attribute of the target entity, or nowhere ({@code attribute} null).
 *
 * @param lookupBy for lookup attributes, how the text finds the record: "name" (primary name), an alternate key
 *     attribute, or "id"; {@code null} tries the id, then the primary name
 */
public record ColumnMapping(int column, String header, String attribute, String lookupBy) {

    public ColumnMapping withAttribute(String newAttribute) {
        return new ColumnMapping(column, header, newAttribute, lookupBy);
    }
}
