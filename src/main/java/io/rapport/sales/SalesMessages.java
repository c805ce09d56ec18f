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

    // sales documents and the product catalog (Dataverse names)
    public static final String WIN_QUOTE = "WinQuote";
    public static final String CLOSE_QUOTE = "CloseQuote";
    public static final String REVISE_QUOTE = "ReviseQuote";
    public static final String CONVERT_QUOTE_TO_SALES_ORDER = "ConvertQuoteToSalesOrder";
    public static final String FULFILL_SALES_ORDER = "FulfillSalesOrder";
    public static final String CANCEL_SALES_ORDER = "CancelSalesOrder";
    public static final String CONVERT_SALES_ORDER_TO_INVOICE = "ConvertSalesOrderToInvoice";
    public static final String LOCK_SALES_ORDER_PRICING = "LockSalesOrderPricing";
    public static final String UNLOCK_SALES_ORDER_PRICING = "UnlockSalesOrderPricing";
    public static final String LOCK_INVOICE_PRICING = "LockInvoicePricing";
    public static final String UNLOCK_INVOICE_PRICING = "UnlockInvoicePricing";
    public static final String GENERATE_QUOTE_FROM_OPPORTUNITY = "GenerateQuoteFromOpportunity";
    public static final String GENERATE_SALES_ORDER_FROM_OPPORTUNITY = "GenerateSalesOrderFromOpportunity";
    public static final String GENERATE_INVOICE_FROM_OPPORTUNITY = "GenerateInvoiceFromOpportunity";
    public static final String GET_QUOTE_PRODUCTS_FROM_OPPORTUNITY = "GetQuoteProductsFromOpportunity";
    public static final String GET_SALES_ORDER_PRODUCTS_FROM_OPPORTUNITY = "GetSalesOrderProductsFromOpportunity";
    public static final String GET_INVOICE_PRODUCTS_FROM_OPPORTUNITY = "GetInvoiceProductsFromOpportunity";
    public static final String CALCULATE_PRICE = "CalculatePrice";
    public static final String INITIALIZE_FROM = "InitializeFrom";
    public static final String PUBLISH_PRODUCT_HIERARCHY = "PublishProductHierarchy";
    public static final String REVERT_PRODUCT = "RevertProduct";
    public static final String CLONE_PRODUCT = "CloneProduct";

    public static final String QUOTE_CLOSE = "QuoteClose";
    public static final String ORDER_CLOSE = "OrderClose";
    public static final String QUOTE_ID = "QuoteId";
    public static final String SALES_ORDER_ID = "SalesOrderId";
    public static final String INVOICE_ID = "InvoiceId";
    public static final String OPPORTUNITY_ID = "OpportunityId";
    public static final String COLUMN_SET = "ColumnSet";
    public static final String TARGET = "Target";
    public static final String PARENT_ID = "ParentId";
    public static final String ENTITY_MONIKER = "EntityMoniker";
    public static final String TARGET_ENTITY_NAME = "TargetEntityName";
    public static final String TARGET_FIELD_TYPE = "TargetFieldType";
    public static final String SOURCE = "Source";

    /** The key of {@code RapportException.details()} listing the matches of a failed duplicate check. */
    public static final String DUPLICATES_DETAIL = "duplicates";

    private SalesMessages() {
    }
}
