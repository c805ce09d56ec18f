package io.rapport.pipeline;

import java.util.List;

/**
 * The signature of an action or function, enough for the Web API to route it, parse its parameters and describe
 * it in $metadata.
 *
 * @param boundEntity the entity it is bound to, or {@code null} for an unbound operation
 * @param function true for a function (GET, no side effects), false for an action (POST)
 */
public record ActionDefinition(String name, String boundEntity, boolean function, List<Parameter> parameters,
        List<Parameter> outputs) {

    /**
     * The name of the one output of an operation that returns a value itself (Dataverse's {@code RenewContract}
     * returns a {@code contract}) rather than a response type with named properties.
     */
    public static final String RETURN_VALUE = "ReturnValue";

    public ActionDefinition {
        parameters = List.copyOf(parameters);
        outputs = List.copyOf(outputs);
    }

    /** Whether the operation returns its one output as its value (see {@link #RETURN_VALUE}). */
    public boolean returnsValue() {
        return outputs.size() == 1 && RETURN_VALUE.equals(outputs.get(0).name());
    }

    /**
     * One parameter. {@code type} is one of String, Int32, Int64, Boolean, Decimal, Money, DateTime, Guid,
     * Entity, EntityReference, EntityCollection, StringArray; {@code entity} names the entity for the three
     * entity types (or {@code null} for any).
     */
    public record Parameter(String name, String type, String entity, boolean optional) {

        public static Parameter required(String name, String type) {
            return new Parameter(name, type, null, false);
        }

        public static Parameter optional(String name, String type) {
            return new Parameter(name, type, null, true);
        }

        public static Parameter entity(String name, String type, String entity, boolean optional) {
            return new Parameter(name, type, entity, optional);
        }
    }
}
