package io.rapport.marketing.internal.campaigns;

/** The Dataverse names of the campaign messages, their parameters and the campaign states used by the rules. */
final class CampaignMessages {

    static final String ADD_ITEM_CAMPAIGN = "AddItemCampaign";
    static final String REMOVE_ITEM_CAMPAIGN = "RemoveItemCampaign";
    static final String DISTRIBUTE_CAMPAIGN_ACTIVITY = "DistributeCampaignActivity";

    static final String CAMPAIGN_ID = "CampaignId";
    static final String CAMPAIGN = "Campaign";
    static final String ENTITY_ID = "EntityId";
    static final String ENTITY_NAME = "EntityName";
    static final String CAMPAIGN_ITEM_ID = "CampaignItemId";

    static final String PROPAGATE = "Propagate";
    static final String ACTIVITY = "Activity";
    static final String TEMPLATE = "Template";
    static final String OWNERSHIP_OPTIONS = "OwnershipOptions";
    static final String OWNER = "Owner";
    static final String SEND_EMAIL = "SendEmail";
    static final String QUEUE = "Queue";
    static final String POST_WORKFLOW_EVENT = "PostWorkflowEvent";
    static final String BULK_OPERATION_ID = "BulkOperationId";

    /** Campaign status reasons (all in the Active state but Inactive). */
    static final int PROPOSED = 0;
    static final int READY_TO_LAUNCH = 1;
    static final int LAUNCHED = 2;
    static final int COMPLETED = 3;
    static final int CANCELED = 4;
    static final int SUSPENDED = 5;
    static final int INACTIVE = 6;

    private CampaignMessages() {
    }
}
