package io.rapport.query;

/**
 * An exists-test over related records, as OData's {@code any}/{@code all} lambdas and FetchXML's
 * {@code link-type="any"}: related records of {@code entityName} whose {@code attribute} equals the parent's
 * {@code parentAttribute}.
 */
public record LinkFilter(Kind kind, String entityName, String attribute, String parentAttribute, Filter filter)
        implements Filter {

    public enum Kind {
        /** At least one related record matches the filter. */
        ANY,
        /** No related record matches the filter. */
        NOT_ANY,
        /** Every related record matches the filter (true when there are none, as in OData). */
        ALL,
        /** At least one related record does not match the filter. */
        NOT_ALL
    }
}
