package io.rapport.webapi;

import io.rapport.pipeline.Caller;
import io.rapport.query.QueryExpression;
import java.util.Optional;

/**
 * The records of an entity a person keeps offline, as the administrator's offline profile chooses them (supplied by
 * the web UI, which keeps the profile). A delta asked with the Rapport preference {@code Prefer:
 * rapport.offline-profile} holds only those: the first pass reads them alone, a later pass reports a changed record
 * that no longer matches as deleted. Without an implementation every record the caller may read is kept.
 */
public interface OfflineScopes {

    /** The entity's records kept offline (the query's criteria and links), or empty for all the caller may read. */
    Optional<QueryExpression> scope(Caller caller, String entityName);
}
