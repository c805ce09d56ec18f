package io.rapport.marketing;

import java.util.Map;
import java.util.Optional;

/** The Dataverse names of the marketing-list messages, their parameters and the list's member types. */
public final class MarketingLists {

    public static final String ADD_MEMBER_LIST = "AddMemberList";
    public static final String ADD_LIST_MEMBERS_LIST = "AddListMembersList";
    public static final String REMOVE_MEMBER_LIST = "RemoveMemberList";
    public static final String COPY_MEMBERS_LIST = "CopyMembersList";
    public static final String COPY_DYNAMIC_LIST_TO_STATIC = "CopyDynamicListToStatic";
    public static final String QUALIFY_MEMBER_LIST = "QualifyMemberList";

    public static final String PROPAGATE_BY_EXPRESSION = "PropagateByExpression";
    public static final String CREATE_ACTIVITIES_LIST = "CreateActivitiesList";
    public static final String BULK_OPERATION_ID = "BulkOperationId";
    public static final String QUERY_EXPRESSION = "QueryExpression";
    public static final String FRIENDLY_NAME = "FriendlyName";
    public static final String EXECUTE_IMMEDIATELY = "ExecuteImmediately";
    public static final String ACTIVITY = "Activity";
    public static final String TEMPLATE_ID = "TemplateId";
    public static final String OWNERSHIP_OPTIONS = "OwnershipOptions";
    public static final String POST_WORKFLOW_EVENT = "PostWorkflowEvent";
    public static final String OWNER = "Owner";
    public static final String SEND_EMAIL = "SendEmail";
    public static final String QUEUE_ID = "QueueId";
    public static final String PROPAGATE = "Propagate";

    /** PropagationOwnershipOptions: the activities belong to the caller, or each to its member's owner. */
    public static final int OWNER_NONE = 0;
    public static final int OWNER_CALLER = 1;
    public static final int OWNER_MEMBER = 2;

    /** bulkoperation statuscode values. */
    public static final int BULK_PENDING = 1;
    public static final int BULK_IN_PROGRESS = 2;
    public static final int BULK_ABORTED = 3;
    public static final int BULK_COMPLETED = 4;
    public static final int BULK_CANCELED = 5;

    /** The activity types a quick campaign creates, by their createdrecordtypecode. */
    public static final Map<String, Integer> ACTIVITY_TYPES = Map.of("phonecall", 1, "fax", 2, "letter", 3,
            "email", 4, "appointment", 5, "task", 7);

    public static final String LIST_ID = "ListId";
    public static final String ENTITY_ID = "EntityId";
    public static final String MEMBER_IDS = "MemberIds";
    public static final String SOURCE_LIST_ID = "SourceListId";
    public static final String TARGET_LIST_ID = "TargetListId";
    public static final String LIST_ID_LOWER = "listId";
    public static final String OVERRIDE_OR_REMOVE = "OverrideorRemove";
    public static final String ID = "Id";
    public static final String STATIC_LIST_ID = "StaticListId";

    /** createdfromcode of a list: the entity its members are. */
    public static final int ACCOUNT = 1;
    public static final int CONTACT = 2;
    public static final int LEAD = 4;

    private static final Map<Integer, String> MEMBER_ENTITIES = Map.of(ACCOUNT, "account", CONTACT, "contact",
            LEAD, "lead");

    private MarketingLists() {
    }

    /** The member entity of a createdfromcode value. */
    public static Optional<String> memberEntity(Integer createdFromCode) {
        return Optional.ofNullable(createdFromCode == null ? null : MEMBER_ENTITIES.get(createdFromCode));
    }

    /** The createdfromcode of a member entity, or empty when lists cannot hold it. */
    public static Optional<Integer> memberType(String entity) {
        return MEMBER_ENTITIES.entrySet().stream().filter(e -> e.getValue().equals(entity)).map(Map.Entry::getKey)
                .findFirst();
    }
}
