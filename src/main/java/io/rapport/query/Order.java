package io.rapport.query;

/** Sort by an attribute of the root entity or (with an alias) of a linked entity, or by an aggregate alias. */
public record Order(String entityAlias, String attribute, boolean descending) {

    public static Order asc(String attribute) {
        return new Order(null, attribute, false);
    }

    public static Order desc(String attribute) {
        return new Order(null, attribute, true);
    }
}
