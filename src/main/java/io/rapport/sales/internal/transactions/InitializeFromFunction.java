package io.rapport.sales.internal.transactions;

import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.Privilege;
import io.rapport.record.EntityReference;
import io.rapport.sales.SalesMessages;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Dataverse's InitializeFrom function: a new record of the target entity filled in from the source record through
 * the entity mappings, returned (not stored) for the client to complete and create.
 */
@Configuration
class InitializeFromFunction {

    private final DocumentInitializer initializer;

    InitializeFromFunction(DocumentInitializer initializer) {
        this.initializer = initializer;
    }

    @Bean
    ActionHandler initializeFrom() {
        ActionDefinition d = new ActionDefinition(SalesMessages.INITIALIZE_FROM, null, true, List.of(
                Parameter.entity(SalesMessages.ENTITY_MONIKER, "EntityReference", null, false),
                Parameter.required(SalesMessages.TARGET_ENTITY_NAME, "String"),
                Parameter.optional(SalesMessages.TARGET_FIELD_TYPE, "Int32")),
                List.of(Parameter.entity(ActionDefinition.RETURNED_ENTITY, "Entity", null, false)));
        return new DocumentAction(d, (r, c) -> {
            EntityReference source = DocumentAction.reference(r, SalesMessages.ENTITY_MONIKER);
            if (!(r.parameter(SalesMessages.TARGET_ENTITY_NAME) instanceof String target) || target.isBlank()) {
                throw RapportException.invalid("The parameter TargetEntityName is required.");
            }
            return DocumentAction.on(source.logicalName(), source.id(), Privilege.READ);
        }, (r, c) -> Map.of(ActionDefinition.RETURNED_ENTITY, initializer.initialize(c,
                DocumentAction.reference(r, SalesMessages.ENTITY_MONIKER),
                (String) r.parameter(SalesMessages.TARGET_ENTITY_NAME))));
    }
}
