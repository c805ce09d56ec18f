package io.rapport.service;

/** The Dataverse names of the service actions and their parameters. */
public final class ServiceMessages {

    public static final String CLOSE_INCIDENT = "CloseIncident";
    public static final String INCIDENT_RESOLUTION = "IncidentResolution";
    public static final String STATUS = "Status";

    public static final String CANCEL_CONTRACT = "CancelContract";
    public static final String CLONE_CONTRACT = "CloneContract";
    public static final String RENEW_CONTRACT = "RenewContract";
    public static final String CANCEL_DATE = "CancelDate";
    public static final String INCLUDE_CANCELED_LINES = "IncludeCanceledLines";
    public static final String RENEW_ENTITLEMENT = "RenewEntitlement";

    public static final String ADD_TO_QUEUE = "AddToQueue";
    public static final String PICK_FROM_QUEUE = "PickFromQueue";
    public static final String RELEASE_TO_QUEUE = "ReleaseToQueue";
    public static final String REMOVE_FROM_QUEUE = "RemoveFromQueue";
    public static final String ROUTE_TO = "RouteTo";
    public static final String TARGET = "Target";
    public static final String SOURCE_QUEUE = "SourceQueue";
    public static final String QUEUE_ITEM_PROPERTIES = "QueueItemProperties";
    public static final String QUEUE_ITEM_ID = "QueueItemId";
    public static final String SYSTEM_USER = "SystemUser";
    public static final String REMOVE_QUEUE_ITEM = "RemoveQueueItem";

    /** Incident states. */
    public static final int CASE_ACTIVE = 0;
    public static final int CASE_RESOLVED = 1;
    public static final int CASE_CANCELED = 2;

    private ServiceMessages() {
    }
}
