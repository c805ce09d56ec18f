package io.rapport.sales;

/** The Dataverse names of the sales actions and their parameters. */
public final class SalesMessages {

    public static final String QUALIFY_LEAD = "QualifyLead";
    public static final String WIN_OPPORTUNITY = "WinOpportunity";
    public static final String LOSE_OPPORTUNITY = "LoseOpportunity";
    public static final String RETRIEVE_DUPLICATES = "RetrieveDuplicates";

    public static final String CREATE_ACCOUNT = "CreateAccount";
    public static final String CREATE_CONTACT = "CreateContact";
    public static final String CREATE_OPPORTUNITY = "CreateOpportunity";
    public static final String OPPORTUNITY_CUSTOMER_ID = "OpportunityCustomerId";
    public static final String OPPORTUNITY_CURRENCY_ID = "OpportunityCurrencyId";
    public static final String SOURCE_CAMPAIGN_ID = "SourceCampaignId";
    public static final String PROCESS_INSTANCE_ID = "ProcessInstanceId";
    public static final String STATUS = "Status";
    public static final String CREATED_ENTITIES = "CreatedEntities";
    /** Rapport's parameter form of Dataverse's {@code MSCRM.SuppressDuplicateDetection} header. */
    public static final String SUPPRESS_DUPLICATE_DETECTION = "SuppressDuplicateDetection";

    public static final String OPPORTUNITY_CLOSE = "OpportunityClose";

    public static final String BUSINESS_ENTITY = "BusinessEntity";
    public static final String MATCHING_ENTITY_NAME = "MatchingEntityName";
    public static final String DUPLICATE_COLLECTION = "DuplicateCollection";

    /** The key of {@code RapportException.details()} listing the matches of a failed duplicate check. */
    public static final String DUPLICATES_DETAIL = "duplicates";

    private SalesMessages() {
    }
}
