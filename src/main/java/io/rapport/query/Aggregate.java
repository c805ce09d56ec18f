package io.rapport.query;

/** An aggregate column of a grouped query; the result carries it under {@code alias}. */
public record Aggregate(Function function, String entityAlias, String attribute, String alias, boolean distinct) {

    public Aggregate {
        Aliases.check(alias);
    }

    public enum Function { COUNT, COUNT_COLUMN, SUM, AVG, MIN, MAX }
}
