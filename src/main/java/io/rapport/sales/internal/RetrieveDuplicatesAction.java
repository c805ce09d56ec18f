package io.rapport.sales.internal;

import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.sales.SalesMessages;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Dataverse's RetrieveDuplicates function: the records of {@code MatchingEntityName} that the active duplicate
 * detection rules find for {@code BusinessEntity} (which need not be saved). Used by import as well.
 */
@Component
class RetrieveDuplicatesAction implements ActionHandler {

    /** Dataverse's PagingInfo: {@code PageNumber} (from 1) and {@code Count} (records per page, at most 5,000). */
    static final String PAGING_INFO = "PagingInfo";

    private static final ActionDefinition DEFINITION = new ActionDefinition(SalesMessages.RETRIEVE_DUPLICATES, null,
            true, List.of(Parameter.entity(SalesMessages.BUSINESS_ENTITY, "Entity", null, false),
                    Parameter.required(SalesMessages.MATCHING_ENTITY_NAME, "String"),
                    Parameter.optional(PAGING_INFO, "PagingInfo")),
            List.of(Parameter.entity(SalesMessages.DUPLICATE_COLLECTION, "EntityCollection", null, false)));

    private final DuplicateRules rules;

    RetrieveDuplicatesAction(DuplicateRules rules) {
        this.rules = rules;
    }

    @Override
    public ActionDefinition definition() {
        return DEFINITION;
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        if (!(request.parameter(SalesMessages.BUSINESS_ENTITY) instanceof Entity record)) {
            throw RapportException.invalid("The parameter BusinessEntity is required.");
        }
        if (!(request.parameter(SalesMessages.MATCHING_ENTITY_NAME) instanceof String matching) || matching.isBlank()) {
            throw RapportException.invalid("The parameter MatchingEntityName is required.");
        }
        context.snapshot().entity(record.logicalName());
        String primaryName = context.snapshot().entity(matching).primaryNameAttribute();
        List<Entity> found = rules.find(context, record, matching).stream()
                .map(m -> new Entity(matching, m.record().id()).set(primaryName, m.record().name())).toList();
        int total = found.size();
        Object paging = request.parameter(PAGING_INFO);
        boolean more = false;
        if (paging != null) {
            int page = pagingValue(paging, "PageNumber", 1);
            int count = pagingValue(paging, "Count", 5000);
            if (page < 1 || count < 1 || count > 5000) {
                throw RapportException.invalid("PagingInfo needs a PageNumber of at least 1 and a Count from 1 to "
                        + "5000.");
            }
            long from = (long) (page - 1) * count;
            more = from + count < total;
            found = from >= total ? List.of() : found.subList((int) from, (int) Math.min(total, from + count));
        }
        return new ActionResponse(Map.of(SalesMessages.DUPLICATE_COLLECTION,
                new EntityCollection(matching, found, more, total, null)));
    }

    private static int pagingValue(Object paging, String name, int fallback) {
        Object v;
        if (paging instanceof com.fasterxml.jackson.databind.JsonNode node && node.isObject()) {
            com.fasterxml.jackson.databind.JsonNode n = node.get(name);
            if (n == null || n.isNull()) {
                return fallback;
            }
            if (!n.isIntegralNumber()) {
                throw RapportException.invalid("PagingInfo." + name + " must be a whole number.");
            }
            return n.asInt();
        } else if (paging instanceof Map<?, ?> map) {
            v = map.get(name);
        } else {
            throw RapportException.invalid("PagingInfo must be an object with PageNumber and Count.");
        }
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof Number number)) {
            throw RapportException.invalid("PagingInfo." + name + " must be a whole number.");
        }
        return number.intValue();
    }
}
