package io.rapport.query;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How big one query may be, so that one request cannot pin a core. The defaults are Dataverse's: 15
 * link-entity elements (or {@code $expand} options) and 500 conditions plus link-entities per query. Parsers
 * check the nesting depth while they read, before a deep expression can exhaust the stack.
 *
 * @param maxLinkEntities link-entity elements (FetchXML) or {@code $expand} options (OData) in one query
 * @param maxConditions conditions plus link-entity elements in one query; an {@code in} list counts once
 * @param maxDepth how deep filters, parentheses, {@code not}s and lambdas may nest in one expression
 * @param statementTimeout how long one SQL query may run before the database cancels it
 */
@ConfigurationProperties("rapport.query")
public record QueryLimits(Integer maxLinkEntities, Integer maxConditions, Integer maxDepth,
        Duration statementTimeout) {

    public QueryLimits {
        maxLinkEntities = maxLinkEntities == null ? 15 : maxLinkEntities;
        maxConditions = maxConditions == null ? 500 : maxConditions;
        maxDepth = maxDepth == null ? 32 : maxDepth;
        statementTimeout = statementTimeout == null ? Duration.ofSeconds(30) : statementTimeout;
    }

    /** The defaults, for code and tests that run without configuration. */
    public static QueryLimits defaults() {
        return new QueryLimits(null, null, null, null);
    }

    /** Fails when {@code links} link-entities exceed the limit (Dataverse's error and message). */
    public void checkLinks(int links) {
        if (links > maxLinkEntities) {
            throw new RapportException(ErrorCode.TOO_MANY_LINK_ENTITIES, "Number of link entities in query exceeded "
                    + "maximum limit. A query may join at most " + maxLinkEntities + " related tables "
                    + "(link-entity elements or $expand options).");
        }
    }

    /** Fails when conditions plus link-entities exceed the limit (Dataverse's error and message). */
    public void checkConditions(int conditionsAndLinks) {
        if (conditionsAndLinks > maxConditions) {
            throw new RapportException(ErrorCode.TOO_MANY_CONDITIONS, "Number of conditions in query exceeded "
                    + "maximum limit. A query may have at most " + maxConditions + " conditions and link-entities; "
                    + "an 'in' condition with many values counts once.");
        }
    }

    /**
     * The statement timeout in whole seconds, as JDBC sets it (rounded up; at least one second, since zero would
     * mean no timeout).
     */
    public int statementTimeoutSeconds() {
        long millis = statementTimeout.toMillis();
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (millis + 999) / 1000));
    }

    /** Whether an expression nested {@code depth} levels deep is too deep. */
    public boolean tooDeep(int depth) {
        return depth > maxDepth;
    }

    /** The message parsers give when an expression nests deeper than {@link #maxDepth}. */
    public String depthMessage() {
        return "the expression is nested more than " + maxDepth + " levels deep";
    }
}
