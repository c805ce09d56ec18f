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
     * The name of the single output of an operation that returns a record of an entity type (ReviseQuote returns a
     * quote, ConvertQuoteToSalesOrder a salesorder): the Web API answers with the record itself, as Dataverse does.
     */
    public static final String RETURNED_ENTITY = "ReturnedEntity";

    /**
     * The {@code boundEntity} of an operation Dataverse binds to several entity types (AddItemCampaign: a list, a
     * product, a campaign...): the Web API routes it from a record of any entity, the handler refuses the others.
     */
    public static final String ANY_ENTITY = "crmbaseentity";

    public ActionDefinition {
        parameters = List.copyOf(parameters);
        outputs = List.copyOf(outputs);
    }

    /**
     * Whether this operation answers with one record as its whole response. As in Dataverse's CSDL, an operation
     * whose only output is a record (ReviseQuote's quote, CalculateRollupField's Entity) returns that entity type
     * rather than a {@code <Name>Response} complex type.
     */
    public boolean returnsEntity() {
        return outputs.size() == 1 && "Entity".equals(outputs.get(0).type());
    }

    /**
     * Whether this operation answers with a collection of records as its whole response: as in Dataverse's CSDL,
     * an operation whose only output is an entity collection (QualifyLead's CreatedEntities, RetrieveDuplicates'
     * DuplicateCollection) returns {@code Collection(mscrm.<entity>)}, written as a {@code value} array with an
     * {@code @odata.type} on each record.
     */
    public boolean returnsEntityCollection() {
        return outputs.size() == 1 && "EntityCollection".equals(outputs.get(0).type());
    }

    /** The entity type of the records this operation returns ({@code crmbaseentity} for any), or {@code null}. */
    public String returnedEntities() {
        if (!returnsEntityCollection()) {
            return null;
        }
        return outputs.get(0).entity() == null ? "crmbaseentity" : outputs.get(0).entity();
    }

    /** The entity type of the record this operation returns ({@code crmbaseentity} for any), or {@code null}. */
    public String returnedEntity() {
        if (!returnsEntity()) {
            return null;
        }
        return outputs.get(0).entity() == null ? "crmbaseentity" : outputs.get(0).entity();
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
