package io.rapport.pipeline;

import io.rapport.query.ColumnSet;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import io.rapport.record.EntityReference;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The core messages of the pipeline and their responses, with the Dataverse message names. */
public final class Messages {

    public static final String CREATE = "Create";
    public static final String RETRIEVE = "Retrieve";
    public static final String RETRIEVE_MULTIPLE = "RetrieveMultiple";
    public static final String UPDATE = "Update";
    public static final String DELETE = "Delete";
    public static final String UPSERT = "Upsert";
    public static final String ASSOCIATE = "Associate";
    public static final String DISASSOCIATE = "Disassociate";
    public static final String ASSIGN = "Assign";
    public static final String SET_STATE = "SetState";
    public static final String EXECUTE_TRANSACTION = "ExecuteTransaction";

    private Messages() {
    }

    /** Optional request parameter: false asks for duplicate detection on create and update, as in Dataverse. */
    public static final String SUPPRESS_DUPLICATE_DETECTION = "SuppressDuplicateDetection";

    /**
     * Creates a record; the id may be given by the caller. {@code parameters} are Dataverse's optional request
     * parameters (e.g. {@link #SUPPRESS_DUPLICATE_DETECTION}); plugins read them from the request.
     */
    public record CreateRequest(Entity target, Map<String, Object> parameters)
            implements OrganizationRequest<CreateResponse> {
        public CreateRequest {
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }

        public CreateRequest(Entity target) {
            this(target, Map.of());
        }

        public String messageName() {
            return CREATE;
        }
    }

    public record CreateResponse(UUID id) implements OrganizationResponse {
    }

    /** Reads one record by id or alternate key. */
    public record RetrieveRequest(EntityReference target, ColumnSet columns) implements OrganizationRequest<RetrieveResponse> {
        public String messageName() {
            return RETRIEVE;
        }
    }

    public record RetrieveResponse(Entity entity) implements OrganizationResponse {
    }

    public record RetrieveMultipleRequest(QueryExpression query) implements OrganizationRequest<RetrieveMultipleResponse> {
        public String messageName() {
            return RETRIEVE_MULTIPLE;
        }
    }

    public record RetrieveMultipleResponse(EntityCollection entities) implements OrganizationResponse {
    }

    /**
     * Changes the given attributes of a record.
     *
     * @param rowVersion when set, the update applies only if the record still has this version
     * @param parameters optional request parameters, as for {@link CreateRequest}
     */
    public record UpdateRequest(Entity target, Long rowVersion, Map<String, Object> parameters)
            implements OrganizationRequest<EmptyResponse> {
        public UpdateRequest {
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }

        public UpdateRequest(Entity target, Long rowVersion) {
            this(target, rowVersion, Map.of());
        }

        public UpdateRequest(Entity target) {
            this(target, null, Map.of());
        }

        public String messageName() {
            return UPDATE;
        }
    }

    public record DeleteRequest(EntityReference target, Long rowVersion) implements OrganizationRequest<EmptyResponse> {
        public DeleteRequest(EntityReference target) {
            this(target, null);
        }

        public String messageName() {
            return DELETE;
        }
    }

    /**
     * Updates the record identified by the target's id or by {@code alternateKey}, or creates it if none exists.
     */
    public record UpsertRequest(Entity target, Map<String, Object> alternateKey)
            implements OrganizationRequest<UpsertResponse> {
        public UpsertRequest {
            alternateKey = alternateKey == null ? Map.of() : Map.copyOf(alternateKey);
        }

        public String messageName() {
            return UPSERT;
        }
    }

    public record UpsertResponse(EntityReference target, boolean recordCreated) implements OrganizationResponse {
    }

    /** Links records through a relationship (one-to-many or many-to-many), by its schema name. */
    public record AssociateRequest(EntityReference target, String relationship, List<EntityReference> relatedEntities)
            implements OrganizationRequest<EmptyResponse> {
        public AssociateRequest {
            relatedEntities = List.copyOf(relatedEntities);
        }

        public String messageName() {
            return ASSOCIATE;
        }
    }

    public record DisassociateRequest(EntityReference target, String relationship,
            List<EntityReference> relatedEntities) implements OrganizationRequest<EmptyResponse> {
        public DisassociateRequest {
            relatedEntities = List.copyOf(relatedEntities);
        }

        public String messageName() {
            return DISASSOCIATE;
        }
    }

    /** Gives a record (and, by the relationships' cascade, its children) to a user or team. */
    public record AssignRequest(EntityReference target, EntityReference assignee)
            implements OrganizationRequest<EmptyResponse> {
        public String messageName() {
            return ASSIGN;
        }
    }

    /** Moves a record to a state and status reason; status -1 takes the state's default. */
    public record SetStateRequest(EntityReference target, int state, int status)
            implements OrganizationRequest<EmptyResponse> {
        public String messageName() {
            return SET_STATE;
        }
    }

    /** Runs requests in one transaction: all succeed or none. */
    public record ExecuteTransactionRequest(List<OrganizationRequest<?>> requests)
            implements OrganizationRequest<ExecuteTransactionResponse> {
        public ExecuteTransactionRequest {
            requests = List.copyOf(requests);
        }

        public String messageName() {
            return EXECUTE_TRANSACTION;
        }
    }

    public record ExecuteTransactionResponse(List<OrganizationResponse> responses) implements OrganizationResponse {
    }

    /** The response of messages that return nothing. */
    public record EmptyResponse() implements OrganizationResponse {
        public static final EmptyResponse INSTANCE = new EmptyResponse();
    }
}
