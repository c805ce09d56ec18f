package io.rapport.query;

import java.util.List;

/**
 * A joined entity: rows of {@code entityName} whose {@code attribute} equals the parent's
 * {@code parentAttribute}. Its columns come back as {@code alias.attribute}.
 */
public record LinkEntity(String entityName, String attribute, String parentAttribute, String alias, JoinType joinType,
        ColumnSet columns, Filter filter, List<LinkEntity> links) {

    public LinkEntity {
        joinType = joinType == null ? JoinType.INNER : joinType;
        columns = columns == null ? ColumnSet.none() : columns;
        links = links == null ? List.of() : List.copyOf(links);
    }
}
