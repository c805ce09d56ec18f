package io.rapport.marketing.internal;

import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Reads and writes that list rules make regardless of what the caller may see (a member count counts every member,
 * a member's name is copied onto its listmember row): the nested service of the message, as the system user.
 */
@Component
class MarketingReads {

    private final CallerProvider callers;

    MarketingReads(CallerProvider callers) {
        this.callers = callers;
    }

    OrganizationService system(PluginContext context) {
        return context.service().as(callers.system());
    }

    /** The record with the given columns, or empty when it does not exist. */
    Optional<Entity> find(PluginContext context, String entity, UUID id, String... columns) {
        String idAttribute = context.snapshot().entity(entity).primaryIdAttribute();
        return system(context).retrieveMultiple(QueryExpression.from(entity).columns(ColumnSet.of(columns))
                .where(Condition.eq(idAttribute, id)).top(1).build()).entities().stream().findFirst();
    }
}
