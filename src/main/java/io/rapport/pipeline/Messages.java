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
    public static final String CREATE_MULTIPLE = "CreateMultiple";
    public static final String UPDATE_MULTIPLE = "UpdateMultiple";
    public static final String UPSERT_MULTIPLE = "UpsertMultiple";
    public static final String DELETE_MULTIPLE = "DeleteMultiple";
    public static final String RETRIEVE = "Retrieve";
    public static final String RETRIEVE_MULTIPLE = "RetrieveMultiple";
    public static final String UPDATE = "Update";
    public static final String DELETE = "Delete";
    /**
     * The detail of a bulk message's error that names the record at fault (its index in the targets), as Dataverse's
     * error of CreateMultiple, UpdateMultiple, UpsertMultiple and DeleteMultiple carries it.
     */
    public static final String FAULTED_REQUEST_INDEX = "faultedRequestIndex";
    public static final String UPSERT = "Upsert";
    public static final String ASSOCIATE = "Associate";
    public static final String DISASSOCIATE = "Disassociate";
    public static final String ASSIGN = "Assign";
    public static final String SET_STATE = "SetState";
    public static final String EXECUTE_TRANSACTION = "ExecuteTransaction";
    /** Submits a background job deleting the records of one or more queries (Dataverse's BulkDelete). */
    public static final String BULK_DELETE = "BulkDelete";
    /** Dataverse's privilege for BulkDelete (System Administrators hold it); the job also needs Delete per entity. */
    public static final String PRV_BULK_DELETE = "prvBulkDelete";

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

    /**
     * Creates many records of one entity at once, all or none, as Dataverse's CreateMultiple: each record goes
     * through the Create plugin steps, validation and audit, and the rows are written in one batch. On failure the
     * error's details carry the {@code faultedRequestIndex} of the record at fault, when there is one.
     */
    public record CreateMultipleRequest(List<Entity> targets) implements OrganizationRequest<CreateMultipleResponse> {
        public CreateMultipleRequest {
            targets = List.copyOf(targets);
        }

        public String messageName() {
            return CREATE_MULTIPLE;
        }
    }

    public record CreateMultipleResponse(List<UUID> ids) implements OrganizationResponse {
    }

    /**
     * Updates many records of one entity at once, all or none, as Dataverse's UpdateMultiple: each record goes through
     * the Update plugin steps, validation, privilege check and audit; the rows are written in one batch per set of
     * changed columns. A failure names the {@code faultedRequestIndex}.
     */
    public record UpdateMultipleRequest(List<Entity> targets) implements OrganizationRequest<EmptyResponse> {
        public UpdateMultipleRequest {
            targets = List.copyOf(targets);
        }

        public String messageName() {
            return UPDATE_MULTIPLE;
        }
    }

    /**
     * Creates or updates many records of one entity at once, all or none, as Dataverse's UpsertMultiple: a record is
     * found by its id or by its alternate key ({@code alternateKeys}, one map per target, empty when the id is
     * given); those found run as one UpdateMultiple, the others as one CreateMultiple.
     */
    public record UpsertMultipleRequest(List<Entity> targets, List<Map<String, Object>> alternateKeys)
            implements OrganizationRequest<UpsertMultipleResponse> {
        public UpsertMultipleRequest {
            targets = List.copyOf(targets);
            alternateKeys = alternateKeys == null ? java.util.Collections.nCopies(targets.size(), Map.of())
                    : alternateKeys.stream().map(k -> k == null ? Map.<String, Object>of() : Map.copyOf(k)).toList();
            if (alternateKeys.size() != targets.size()) {
                throw new IllegalArgumentException("One alternate key (possibly empty) per target.");
            }
        }

        public UpsertMultipleRequest(List<Entity> targets) {
            this(targets, null);
        }

        public String messageName() {
            return UPSERT_MULTIPLE;
        }
    }

    /** One {@link UpsertResponse} per target, in the order of the targets. */
    public record UpsertMultipleResponse(List<UpsertResponse> results) implements OrganizationResponse {
    }

    /**
     * Deletes many records of one entity at once, all or none: each record goes through the Delete plugin steps,
     * privilege check, cascades and audit; the rows are deleted in one statement.
     */
    public record DeleteMultipleRequest(List<EntityReference> targets) implements OrganizationRequest<EmptyResponse> {
        public DeleteMultipleRequest {
            targets = List.copyOf(targets);
        }

        public String messageName() {
            return DELETE_MULTIPLE;
        }
    }

    /** Reads one record by id or alternate key. */
    public record RetrieveRequest(EntityReference target, ColumnSet columns) implements OrganizationRequest<RetrieveResponse> {
        public String messageName() {
            return RETRIEVE;
        }
    }

    public record RetrieveResponse(Entity entity) implements OrganizationResponse {
    }

    /**
     * Reads the records a query selects.
     *
     * @param formattedValues whether the records come back with their formatted values (Dataverse's
     *        FormattedValues); an SDK caller gets them, the Web API asks for them only when its client's {@code Prefer:
     *        odata.include-annotations} names them, since formatting every value is most of a small read's cost
     */
    public record RetrieveMultipleRequest(QueryExpression query, boolean formattedValues)
            implements OrganizationRequest<RetrieveMultipleResponse> {

        public RetrieveMultipleRequest(QueryExpression query) {
            this(query, true);
        }

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
