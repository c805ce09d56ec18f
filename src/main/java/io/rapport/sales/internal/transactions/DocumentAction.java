package io.rapport.sales.internal.transactions;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * One sales-document message: its definition, the privileges it declares (computed from valid parameters) and its
 * main operation. Parameters are checked in {@code validate}, before the privilege check and before anything changes.
 */
final class DocumentAction implements ActionHandler {

    private final ActionDefinition definition;
    private final BiFunction<ActionRequest, PluginContext, List<AccessDemand>> privileges;
    private final BiFunction<ActionRequest, PluginContext, Map<String, Object>> body;

    DocumentAction(ActionDefinition definition, BiFunction<ActionRequest, PluginContext, List<AccessDemand>> privileges,
            BiFunction<ActionRequest, PluginContext, Map<String, Object>> body) {
        this.definition = definition;
        this.privileges = privileges;
        this.body = body;
    }

    @Override
    public ActionDefinition definition() {
        return definition;
    }

    @Override
    public void validate(ActionRequest request, PluginContext context) {
        privileges.apply(request, context);
    }

    @Override
    public List<AccessDemand> privileges(ActionRequest request, PluginContext context) {
        return privileges.apply(request, context);
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        return new ActionResponse(body.apply(request, context));
    }

    /** A Guid parameter, required. */
    static UUID id(ActionRequest request, String parameter) {
        Object value = request.parameter(parameter);
        if (value instanceof UUID id) {
            return id;
        }
        if (value instanceof String s) {
            try {
                return UUID.fromString(s);
            } catch (IllegalArgumentException e) {
                throw RapportException.invalid("The parameter " + parameter + " must be a Guid.");
            }
        }
        throw RapportException.invalid("The parameter " + parameter + " is required.");
    }

    /** The reference in an EntityReference (or record) parameter of one of the entities, required. */
    static EntityReference reference(ActionRequest request, String parameter, String... entities) {
        Object value = request.parameter(parameter);
        EntityReference ref = value instanceof EntityReference r ? r
                : value instanceof Entity e && e.id() != null ? e.toReference() : null;
        if (ref == null || ref.id() == null) {
            throw RapportException.invalid("The parameter " + parameter + " must name a record.");
        }
        if (entities.length > 0 && !List.of(entities).contains(ref.logicalName())) {
            throw RapportException.invalid("The parameter " + parameter + " must name a record of " + String.join(
                    ", ", entities) + ", not " + ref.logicalName() + ".");
        }
        return ref;
    }

    /** The close activity record of a closing message, naming its document. */
    static Entity close(ActionRequest request, String parameter, String entity, String documentAttribute) {
        if (!(request.parameter(parameter) instanceof Entity input) || !entity.equals(input.logicalName())) {
            throw RapportException.invalid("The parameter " + parameter + " must be a " + entity + " record.");
        }
        if (!(input.get(documentAttribute) instanceof EntityReference ref) || ref.id() == null) {
            throw new RapportException(ErrorCode.REQUIRED_ATTRIBUTE_MISSING, "The " + entity + " needs the "
                    + documentAttribute + ".", documentAttribute);
        }
        return input;
    }

    static List<AccessDemand> on(String entity, UUID id, Privilege privilege) {
        return List.of(AccessDemand.reference(new EntityReference(entity, id), privilege));
    }
}
