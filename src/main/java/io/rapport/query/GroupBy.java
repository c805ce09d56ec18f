package io.rapport.query;

/** A grouping column of an aggregate query, optionally grouping dates by a period. */
public record GroupBy(String entityAlias, String attribute, String alias, DateGrouping dateGrouping) {

    public GroupBy {
        Aliases.check(alias);
    }

    public enum DateGrouping { DAY, WEEK, MONTH, QUARTER, YEAR }
}
