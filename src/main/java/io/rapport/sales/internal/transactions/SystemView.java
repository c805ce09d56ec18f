package io.rapport.sales.internal.transactions;

import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Reads and writes that pricing rules make whatever the caller may see (a price list item, the lines of a document
 * for its totals): the nested service of the message, acting as the system user.
 */
@Component
class SystemView {

    private final CallerProvider callers;

    SystemView(CallerProvider callers) {
        this.callers = callers;
    }

    OrganizationService service(PluginContext context) {
        return context.service().as(callers.system());
    }

    Optional<Entity> find(PluginContext context, String entity, UUID id, String... columns) {
        if (id == null) {
            return Optional.empty();
        }
        String idAttribute = context.snapshot().entity(entity).primaryIdAttribute();
        return service(context).retrieveMultiple(QueryExpression.from(entity).columns(ColumnSet.of(columns))
                .where(Condition.eq(idAttribute, id)).top(1).build()).entities().stream().findFirst();
    }

    /** The lines of a document in line-number, then creation order (a document has at most a few hundred). */
    List<Entity> lines(PluginContext context, DocumentKind kind, UUID document) {
        return lines(context, kind, document, ColumnSet.all());
    }

    /** {@link #lines(PluginContext, DocumentKind, UUID)} with only the given columns. */
    List<Entity> lines(PluginContext context, DocumentKind kind, UUID document, ColumnSet columns) {
        return service(context).retrieveMultiple(QueryExpression.from(kind.lineEntity).columns(columns)
                .where(Condition.eq(kind.parentAttribute, document)).orderBy(io.rapport.query.Order.asc("lineitemnumber"))
                .orderBy(io.rapport.query.Order.asc("createdon")).top(5000).build()).entities();
    }
}
