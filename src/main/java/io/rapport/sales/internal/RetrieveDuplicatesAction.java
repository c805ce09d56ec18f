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

    private static final ActionDefinition DEFINITION = new ActionDefinition(SalesMessages.RETRIEVE_DUPLICATES, null,
            true, List.of(Parameter.entity(SalesMessages.BUSINESS_ENTITY, "Entity", null, false),
                    Parameter.required(SalesMessages.MATCHING_ENTITY_NAME, "String")),
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
        return new ActionResponse(Map.of(SalesMessages.DUPLICATE_COLLECTION,
                new EntityCollection(matching, found, false, found.size(), null)));
    }
}
