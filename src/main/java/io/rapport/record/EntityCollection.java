package io.rapport.record;

import java.util.List;

/**
 * One page of query results.
 *
 * @param entities the records of this page
 * @param moreRecords whether a next page exists
 * @param totalRecordCount the number of matching records, or -1 when not requested
 * @param pagingCookie an opaque token that fetches the next page, or {@code null}
 */
public record EntityCollection(String entityName, List<Entity> entities, boolean moreRecords, long totalRecordCount,
        String pagingCookie) {

    public EntityCollection {
        entities = List.copyOf(entities);
    }

    public int size() {
        return entities.size();
    }
}
