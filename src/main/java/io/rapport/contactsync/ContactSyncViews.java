package io.rapport.contactsync;

import io.rapport.pipeline.Caller;
import io.rapport.query.Filter;
import java.util.List;
import java.util.Optional;

/**
 * The saved views of contacts a person may pick as their CardDAV sync filter; supplied by the module that keeps
 * views (the web UI). Without an implementation only the default filter (active contacts the person owns) exists.
 */
public interface ContactSyncViews {

    /** The contact views the caller may choose from. */
    List<View> views(Caller caller);

    /** The fixed filter of a view the caller may use, or empty when it does not exist (any more). */
    Optional<Filter> filter(Caller caller, String key);

    /** A view by key and display name. */
    record View(String key, String name) {
    }
}
