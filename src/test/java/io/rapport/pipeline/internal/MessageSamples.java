package io.rapport.pipeline.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.AttributeType;
import io.rapport.metadata.EntityKeyMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.Label;
import io.rapport.metadata.ManyToManyRelationship;
import io.rapport.metadata.OptionMetadata;
import io.rapport.metadata.RequiredLevel;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.MetadataMessages.CreateAttributeRequest;
import io.rapport.pipeline.MetadataMessages.CreateEntityKeyRequest;
import io.rapport.pipeline.MetadataMessages.CreateEntityRequest;
import io.rapport.pipeline.MetadataMessages.CreateManyToManyRequest;
import io.rapport.pipeline.MetadataMessages.InsertOptionValueRequest;
import io.rapport.pipeline.MetadataMessages.UpdateAttributeRequest;
import io.rapport.pipeline.MetadataMessages.UpdateEntityRequest;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Messages.AssignRequest;
import io.rapport.pipeline.Messages.AssociateRequest;
import io.rapport.pipeline.Messages.CreateMultipleRequest;
import io.rapport.pipeline.Messages.CreateRequest;
import io.rapport.pipeline.Messages.DeleteRequest;
import io.rapport.pipeline.Messages.DisassociateRequest;
import io.rapport.pipeline.Messages.ExecuteTransactionRequest;
import io.rapport.pipeline.Messages.RetrieveMultipleRequest;
import io.rapport.pipeline.Messages.RetrieveRequest;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.Messages.UpdateRequest;
import io.rapport.pipeline.Messages.UpsertRequest;
import io.rapport.pipeline.OrganizationRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.record.Ids;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * A valid request for every message of the catalog, with what the message itself does: whether it declares a
 * privilege (checked before pre-operation) and where its audit entries come from. A new message needs a line here;
 * the stage test fails and names it until it has one.
 */
final class MessageSamples {

    /** Where audit entries of a message come from. */
    enum Audit {
        /** The message's own entries, written after its post-operation. */
        OWN,
        /** Entries of the messages it runs in its main operation (none of its own). */
        NESTED,
        /** Nothing is audited. */
        NONE,
        /** Depends on the data (e.g. a rollup that may not change). */
        ANY
    }

    record Sample(Function<MessageSamples, OrganizationRequest<?>> prepare, boolean checks, Audit audit) {
    }

    static final String ROLES = "connectionroleassociation_association";
    private static final Map<String, Sample> SAMPLES = new HashMap<>();

    private static void add(String message, boolean checks, Audit audit,
            Function<MessageSamples, OrganizationRequest<?>> prepare) {
        SAMPLES.put(message, new Sample(prepare, checks, audit));
    }

    static {
        add("Create", true, Audit.OWN, s -> new CreateRequest(s.newAccount()));
        add("CreateMultiple", true, Audit.OWN, s -> new CreateMultipleRequest(List.of(
                new Entity("contact").set("lastname", "One " + s.run), new Entity("contact").set("lastname", "Two"))));
        add("UpdateMultiple", true, Audit.OWN, s -> new Messages.UpdateMultipleRequest(List.of(
                new Entity("account", s.account().id()).set("telephone1", "+1 555 0101"),
                new Entity("account", s.account().id()).set("telephone1", "+1 555 0102"))));
        add("UpsertMultiple", false, Audit.NESTED, s -> new Messages.UpsertMultipleRequest(List.of(
                s.newAccountWithId(), new Entity("account", s.account().id()).set("telephone1", "+1 555 0103"))));
        add("DeleteMultiple", true, Audit.OWN, s -> new Messages.DeleteMultipleRequest(List.of(s.account(),
                s.account())));
        add("Merge", true, Audit.NESTED, s -> new ActionRequest("Merge", Map.of("Target", s.account(),
                "SubordinateId", s.account().id(), "PerformParentingChecks", false)));
        add("RetrieveTotalRecordCount", false, Audit.NONE, s -> new ActionRequest("RetrieveTotalRecordCount",
                Map.of("EntityNames", List.of("account", "contact"))));
        add("RetrieveCurrentOrganization", false, Audit.NONE, s -> new ActionRequest("RetrieveCurrentOrganization",
                Map.of("AccessType", "Default")));
        add("FormatAddress", false, Audit.NONE, s -> new ActionRequest("FormatAddress", Map.of("Line1",
                "1 Main St", "City", "Redmond", "StateOrProvince", "WA", "PostalCode", "98052", "Country", "USA")));
        add("searchquery", false, Audit.NONE, s -> new ActionRequest("searchquery", Map.of("search", "Contoso",
                "entities", "[{\"name\":\"account\",\"selectColumns\":[\"name\"]}]", "count", true)));
        add("RetrieveUserPrivileges", false, Audit.NONE, s -> new ActionRequest("RetrieveUserPrivileges",
                s.otherUser(), Map.of()));
        add("Retrieve", true, Audit.NONE, s -> new RetrieveRequest(s.account(), ColumnSet.all()));
        add("RetrieveMultiple", true, Audit.NONE, s -> new RetrieveMultipleRequest(
                QueryExpression.from("account").where(Condition.eq("name", "Sample " + s.run)).top(3).build()));
        add("Update", true, Audit.OWN, s -> new UpdateRequest(new Entity("account", s.account().id())
                .set("telephone1", "+1 555 0199")));
        add("Delete", true, Audit.OWN, s -> new DeleteRequest(s.account()));
        add("Upsert", true, Audit.NESTED, s -> new UpsertRequest(s.newAccountWithId(), Map.of()));
        add("SetState", true, Audit.NESTED, s -> new SetStateRequest(s.account(), 1, 2));
        add("Associate", true, Audit.OWN, s -> new AssociateRequest(s.connectionRole(), ROLES,
                List.of(s.connectionRole())));
        add("Disassociate", true, Audit.OWN, s -> {
            EntityReference one = s.connectionRole();
            EntityReference two = s.connectionRole();
            s.org.associate(one, ROLES, List.of(two));
            return new DisassociateRequest(one, ROLES, List.of(two));
        });
        add("Assign", true, Audit.OWN, s -> new AssignRequest(s.account(), s.otherUser()));
        add("ExecuteTransaction", false, Audit.NESTED, s -> new ExecuteTransactionRequest(List.of(
                new CreateRequest(s.newAccount()))));
        add("WhoAmI", false, Audit.NONE, s -> new ActionRequest("WhoAmI", Map.of()));
        add("RetrieveVersion", false, Audit.NONE, s -> new ActionRequest("RetrieveVersion", Map.of()));
        add("RetrievePrivilegeSet", false, Audit.NONE, s -> new ActionRequest("RetrievePrivilegeSet", Map.of()));
        add("QualifyLead", true, Audit.NESTED, s -> new ActionRequest("QualifyLead", s.lead(), Map.of(
                "CreateAccount", true, "CreateContact", true, "CreateOpportunity", true, "Status", 3)));
        add("WinOpportunity", true, Audit.NESTED, s -> new ActionRequest("WinOpportunity", Map.of("OpportunityClose",
                new Entity("opportunityclose").set("opportunityid", s.opportunity()), "Status", 3)));
        add("LoseOpportunity", true, Audit.NESTED, s -> new ActionRequest("LoseOpportunity", Map.of(
                "OpportunityClose", new Entity("opportunityclose").set("opportunityid", s.opportunity()),
                "Status", 4)));
        // a caller who may not read the matching entity finds nothing rather than an error (DuplicateVisibilityTest)
        add("RetrieveDuplicates", false, Audit.NONE, s -> new ActionRequest("RetrieveDuplicates", Map.of(
                "BusinessEntity", new Entity("account").set("name", "Sample " + s.run),
                "MatchingEntityName", "account")));
        add("CalculateRollupField", true, Audit.ANY, s -> new ActionRequest("CalculateRollupField", Map.of(
                "Target", s.account(), "FieldName", "numberofcontacts")));
        add("RetrieveEntityChanges", true, Audit.NONE, s -> new ActionRequest("RetrieveEntityChanges", Map.of(
                "EntityName", "account", "Columns", List.of("name"))));
        add("RetrieveTimeline", true, Audit.NONE, s -> new ActionRequest("RetrieveTimeline", Map.of(
                "Target", s.account())));
        // the security module's actions evaluate access in their main operation (no declared privilege yet)
        add("RetrieveRecordChangeHistory", false, Audit.NONE, s -> new ActionRequest("RetrieveRecordChangeHistory",
                Map.of("Target", s.account())));
        add("RegisterApplicationClient", false, Audit.ANY, s -> new ActionRequest("RegisterApplicationClient",
                s.applicationUser(), Map.of()));
        add("SetUserPassword", false, Audit.ANY, s -> new ActionRequest("SetUserPassword", s.otherUser(),
                Map.of("Password", "Sample-password-" + s.run)));
        add("AddPrivilegesRole", false, Audit.ANY, s -> new ActionRequest("AddPrivilegesRole", s.role(),
                Map.of("Privileges", List.of(Map.of("PrivilegeName", "prvReadAccount", "Depth", "Basic")))));
        add("ReplacePrivilegesRole", false, Audit.ANY, s -> new ActionRequest("ReplacePrivilegesRole", s.role(),
                Map.of("Privileges", List.of(Map.of("PrivilegeName", "prvReadContact", "Depth", "Local")))));
        add("RemovePrivilegeRole", false, Audit.ANY, s -> {
            EntityReference role = s.role();
            s.org.execute(new ActionRequest("AddPrivilegesRole", role, Map.of("Privileges",
                    List.of(Map.of("PrivilegeName", "prvReadAccount", "Depth", "Basic")))));
            @SuppressWarnings("unchecked")
            var granted = (List<Map<String, Object>>) s.org.execute(new ActionRequest("RetrieveRolePrivilegesRole",
                    role, Map.of())).output("RolePrivileges");
            return new ActionRequest("RemovePrivilegeRole", role, Map.of("PrivilegeId",
                    granted.get(0).get("PrivilegeId")));
        });
        add("RetrieveRolePrivilegesRole", false, Audit.NONE, s -> new ActionRequest("RetrieveRolePrivilegesRole",
                s.role(), Map.of()));
        add("GrantAccess", false, Audit.ANY, s -> new ActionRequest("GrantAccess", Map.of("Target", s.account(),
                "PrincipalAccess", Map.of("Principal", s.otherUser(), "AccessMask", "ReadAccess"))));
        add("ModifyAccess", false, Audit.ANY, s -> {
            EntityReference account = s.account();
            s.org.execute(new ActionRequest("GrantAccess", Map.of("Target", account, "PrincipalAccess",
                    Map.of("Principal", s.otherUser(), "AccessMask", "ReadAccess"))));
            return new ActionRequest("ModifyAccess", Map.of("Target", account, "PrincipalAccess",
                    Map.of("Principal", s.otherUser(), "AccessMask", "ReadAccess, WriteAccess")));
        });
        add("RevokeAccess", false, Audit.ANY, s -> {
            EntityReference account = s.account();
            s.org.execute(new ActionRequest("GrantAccess", Map.of("Target", account, "PrincipalAccess",
                    Map.of("Principal", s.otherUser(), "AccessMask", "ReadAccess"))));
            return new ActionRequest("RevokeAccess", Map.of("Target", account, "Revokee", s.otherUser()));
        });
        add("RetrievePrincipalAccess", false, Audit.NONE, s -> new ActionRequest("RetrievePrincipalAccess",
                s.otherUser(), Map.of("Target", s.account())));
        // customization messages: each checks its customization privilege and writes its own audit entry
        add("CreateEntity", true, Audit.OWN, s -> new CreateEntityRequest(new EntityMetadata(s.customName(), null,
                null, null, Label.of("Sample entity"), null, null, null, null, null, null, null, null, null, null,
                null, List.of(), null, null)));
        add("CreateAttribute", true, Audit.OWN, s -> new CreateAttributeRequest("account",
                AttributeMetadata.of(s.customName(), AttributeType.INTEGER, Label.of("Sample number"))));
        add("UpdateEntity", true, Audit.OWN, s -> UpdateEntityRequest.rename("connectionrole",
                Label.of("Connection Role"), null));
        add("UpdateAttribute", true, Audit.OWN, s -> new UpdateAttributeRequest("account", "telephone1",
                Label.of("Main Phone"), RequiredLevel.NONE));
        add("InsertOptionValue", true, Audit.OWN, s -> new InsertOptionValueRequest("industrycode", null, null,
                new OptionMetadata(0, Label.of("Sample " + s.customName()))));
        add("InsertStatusValue", true, Audit.OWN, s -> {
            String name = s.customName();
            s.org.execute(new CreateEntityRequest(new EntityMetadata(name, null, null, null, Label.of("Stateful"),
                    null, null, null, null, null, null, null, null, null, null, null, List.of(), null, null)));
            return new io.rapport.pipeline.MetadataMessages.InsertStatusValueRequest(name, "statuscode", 1,
                    new OptionMetadata(0, Label.of("Sample reason")));
        });
        add("CreateManyToMany", true, Audit.OWN, s -> new CreateManyToManyRequest(new ManyToManyRelationship(
                s.customName(), "account", "contact", null, null, null, null, null, true)));
        add("CreateOptionSet", true, Audit.OWN, s -> new io.rapport.pipeline.MetadataMessages.CreateOptionSetRequest(
                s.optionSet(s.customName())));
        add("UpdateOptionValue", true, Audit.OWN, s -> new io.rapport.pipeline.MetadataMessages
                .UpdateOptionValueRequest(s.newOptionSet(), null, null, 1, Label.of("Uno"), true));
        add("UpdateOptionSet", true, Audit.OWN, s -> new io.rapport.pipeline.MetadataMessages
                .UpdateOptionSetRequest(s.newOptionSet(), Label.of("Renamed")));
        add("DeleteOptionValue", true, Audit.OWN, s -> new io.rapport.pipeline.MetadataMessages
                .DeleteOptionValueRequest(s.newOptionSet(), null, null, 2));
        add("OrderOption", true, Audit.OWN, s -> new io.rapport.pipeline.MetadataMessages.OrderOptionRequest(
                s.newOptionSet(), null, null, List.of(2, 1)));
        add("CreateOneToMany", true, Audit.OWN, s -> {
            String name = s.customName();
            return new io.rapport.pipeline.MetadataMessages.CreateOneToManyRequest("account", new AttributeMetadata(
                    name, null, AttributeType.LOOKUP, Label.of("Sample contact"), null, null, null, null, null, null,
                    List.of("contact"), List.of(new io.rapport.metadata.LookupRelationship("contact", name + "_rel",
                            null, null, null)), null, null, null, null, null, null, null, null, null, null, null));
        });
        add("UpdateRelationship", true, Audit.OWN, s -> {
            String name = s.customName();
            s.org.execute(new io.rapport.pipeline.MetadataMessages.CreateOneToManyRequest("account",
                    new AttributeMetadata(name, null, AttributeType.LOOKUP, Label.of("Sample parent"), null, null,
                            null, null, null, null, List.of("contact"), List.of(new io.rapport.metadata
                                    .LookupRelationship("contact", name + "_rel", null, null, null)), null, null,
                            null, null, null, null, null, null, null, null, null)));
            return new io.rapport.pipeline.MetadataMessages.UpdateRelationshipRequest(name + "_rel",
                    io.rapport.metadata.CascadeConfiguration.parental());
        });
        add("PublishXml", true, Audit.NONE, s -> new io.rapport.pipeline.MetadataMessages.PublishXmlRequest(
                "<importexportxml><entities><entity>account</entity></entities></importexportxml>"));
        add("PublishAllXml", true, Audit.NONE, s -> new io.rapport.pipeline.MetadataMessages.PublishAllXmlRequest());
        add("CreateEntityKey", true, Audit.OWN, s -> new CreateEntityKeyRequest("account", new EntityKeyMetadata(
                s.customName(), Label.of("Sample key"), List.of("accountnumber"))));
        add("DeleteEntity", true, Audit.OWN, s -> {
            String name = s.customName();
            s.org.execute(new CreateEntityRequest(new EntityMetadata(name, null, null, null, Label.of("Doomed"),
                    null, null, null, null, null, null, null, null, null, null, null, List.of(), null, null)));
            return new io.rapport.pipeline.MetadataMessages.DeleteEntityRequest(name);
        });
        add("DeleteAttribute", true, Audit.OWN, s -> {
            String name = s.customName();
            s.org.execute(new CreateAttributeRequest("account", AttributeMetadata.of(name, AttributeType.INTEGER,
                    Label.of("Doomed number"))));
            return new io.rapport.pipeline.MetadataMessages.DeleteAttributeRequest("account", name);
        });
        add("DeleteRelationship", true, Audit.OWN, s -> {
            String name = s.customName();
            s.org.execute(new CreateManyToManyRequest(new ManyToManyRelationship(name, "account", "contact", null,
                    null, null, null, null, true)));
            return new io.rapport.pipeline.MetadataMessages.DeleteRelationshipRequest(name);
        });
        add("DeleteOptionSet", true, Audit.OWN, s -> new io.rapport.pipeline.MetadataMessages.DeleteOptionSetRequest(
                s.newOptionSet()));
        add("DeleteEntityKey", true, Audit.OWN, s -> {
            String name = s.customName();
            s.org.execute(new CreateEntityKeyRequest("account", new EntityKeyMetadata(name, Label.of("Doomed key"),
                    List.of("accountnumber", "name"))));
            return new io.rapport.pipeline.MetadataMessages.DeleteEntityKeyRequest("account", name);
        });
        add("CloseIncident", true, Audit.NESTED, s -> new ActionRequest("CloseIncident", Map.of("IncidentResolution",
                new Entity("incidentresolution").set("incidentid", s.incident()).set("subject", "Solved")
                        .set("timespent", 30), "Status", 5)));
        add("CancelContract", true, Audit.NESTED, s -> new ActionRequest("CancelContract", s.activeContract(),
                Map.of("CancelDate", java.time.LocalDate.now(java.time.ZoneOffset.UTC), "Status", 5)));
        add("CloneContract", true, Audit.NESTED, s -> new ActionRequest("CloneContract", s.activeContract(),
                Map.of("IncludeCanceledLines", false)));
        add("RenewContract", true, Audit.NESTED, s -> new ActionRequest("RenewContract", s.activeContract(),
                Map.of("Status", 1, "IncludeCanceledLines", false)));
        add("RenewEntitlement", true, Audit.NESTED, s -> new ActionRequest("RenewEntitlement",
                s.activeEntitlement(), Map.of("Status", 0)));
        add("AddToQueue", true, Audit.NESTED, s -> new ActionRequest("AddToQueue", s.queue(), Map.of("Target",
                s.incident())));
        add("PickFromQueue", true, Audit.NESTED, s -> new ActionRequest("PickFromQueue", s.queueItem(), Map.of(
                "SystemUser", s.otherUser(), "RemoveQueueItem", false)));
        add("ReleaseToQueue", true, Audit.NESTED, s -> new ActionRequest("ReleaseToQueue", s.queueItem(), Map.of()));
        add("RemoveFromQueue", true, Audit.NESTED, s -> new ActionRequest("RemoveFromQueue", s.queueItem(),
                Map.of()));
        add("RouteTo", true, Audit.NESTED, s -> new ActionRequest("RouteTo", s.queueItem(), Map.of("Target",
                s.queue())));
        // marketing lists
        add("AddMemberList", true, Audit.NESTED, s -> new ActionRequest("AddMemberList", s.accountList(), Map.of(
                "EntityId", s.account().id())));
        add("AddListMembersList", true, Audit.NESTED, s -> new ActionRequest("AddListMembersList", Map.of("List",
                s.accountList(), "Members", List.of(new Entity("account", s.account().id())))));
        add("RemoveMemberList", true, Audit.NESTED, s -> {
            EntityReference list = s.accountList();
            EntityReference account = s.account();
            s.org.execute(new ActionRequest("AddMemberList", list, Map.of("EntityId", account.id())));
            return new ActionRequest("RemoveMemberList", list, Map.of("EntityId", account.id()));
        });
        add("CopyMembersList", true, Audit.NESTED, s -> {
            EntityReference source = s.accountList();
            s.org.execute(new ActionRequest("AddMemberList", source, Map.of("EntityId", s.account().id())));
            return new ActionRequest("CopyMembersList", source, Map.of("TargetList", s.accountList()));
        });
        add("CopyDynamicListToStatic", true, Audit.NESTED, s -> new ActionRequest("CopyDynamicListToStatic",
                new EntityReference("list", s.org.create(new Entity("list").set("listname", "Dynamic " + s.run)
                        .set("createdfromcode", 1).set("type", true).set("query", "<fetch><entity name='account'>"
                                + "<filter><condition attribute='name' operator='like' value='%" + s.run
                                + "%'/></filter></entity></fetch>"))), Map.of()));
        add("QualifyMemberList", true, Audit.NESTED, s -> new ActionRequest("QualifyMemberList", s.accountList(),
                Map.of("ListMember", List.of(new Entity("account", s.account().id())), "OverrideorRemove", true)));
        add("BulkDelete", true, Audit.NESTED, s -> new ActionRequest("BulkDelete", Map.of("QuerySet",
                List.of(io.rapport.query.QueryExpression.from("account").where(io.rapport.query.Condition.eq("name",
                        "none " + s.run)).build()), "JobName", "Sample " + s.run, "SendEmailNotification", false,
                "RecurrencePattern", "", "StartDateTime", java.time.Instant.now())));
        add("PropagateByExpression", true, Audit.NESTED, s -> new ActionRequest("PropagateByExpression", Map.of(
                "QueryExpression", "<fetch><entity name='account'><filter><condition attribute='name' operator='eq'"
                        + " value='none " + s.run + "'/></filter></entity></fetch>", "FriendlyName", "Quick " + s.run,
                "ExecuteImmediately", false, "Activity", new Entity("phonecall").set("subject", "Call"),
                "OwnershipOptions", 1)));
        add("CreateActivitiesList", true, Audit.NESTED, s -> new ActionRequest("CreateActivitiesList",
                s.accountList(), Map.of("FriendlyName", "Quick " + s.run, "Activity", new Entity("task")
                        .set("subject", "Follow up"), "Propagate", false, "OwnershipOptions", 1)));
        // test-only actions of the Web API tests (src/test/java/io/rapport/webapi/TestOperations)
        add("rapport_Echo", false, Audit.NESTED, s -> new ActionRequest("rapport_Echo", Map.of("Text", "hi",
                "NewAccount", s.newAccount())));
        add("rapport_Describe", false, Audit.NONE, s -> new ActionRequest("rapport_Describe", s.account(),
                Map.of("Suffix", "!")));
        add("RetrieveSharedPrincipalsAndAccess", false, Audit.NONE, s -> new ActionRequest(
                "RetrieveSharedPrincipalsAndAccess", Map.of("Target", s.account())));
        // sales documents and the product catalog
        add("WinQuote", true, Audit.NESTED, s -> new ActionRequest("WinQuote", Map.of("QuoteClose",
                new Entity("quoteclose").set("quoteid", s.quote(1)), "Status", 4)));
        add("CloseQuote", true, Audit.NESTED, s -> new ActionRequest("CloseQuote", Map.of("QuoteClose",
                new Entity("quoteclose").set("quoteid", s.quote(1)), "Status", 5)));
        add("ReviseQuote", true, Audit.NESTED, s -> new ActionRequest("ReviseQuote", Map.of("QuoteId",
                s.quote(1).id())));
        add("ConvertQuoteToSalesOrder", true, Audit.NESTED, s -> new ActionRequest("ConvertQuoteToSalesOrder",
                Map.of("QuoteId", s.quote(2).id())));
        add("FulfillSalesOrder", true, Audit.NESTED, s -> new ActionRequest("FulfillSalesOrder", Map.of("OrderClose",
                new Entity("orderclose").set("salesorderid", s.order()), "Status", 100001)));
        add("CancelSalesOrder", true, Audit.NESTED, s -> new ActionRequest("CancelSalesOrder", Map.of("OrderClose",
                new Entity("orderclose").set("salesorderid", s.order()), "Status", 4)));
        add("ConvertSalesOrderToInvoice", true, Audit.NESTED, s -> new ActionRequest("ConvertSalesOrderToInvoice",
                Map.of("SalesOrderId", s.order().id())));
        add("LockSalesOrderPricing", true, Audit.NESTED, s -> new ActionRequest("LockSalesOrderPricing",
                Map.of("SalesOrderId", s.order().id())));
        add("UnlockSalesOrderPricing", true, Audit.ANY, s -> new ActionRequest("UnlockSalesOrderPricing",
                Map.of("SalesOrderId", s.order().id())));
        add("LockInvoicePricing", true, Audit.NESTED, s -> new ActionRequest("LockInvoicePricing",
                Map.of("InvoiceId", s.invoice().id())));
        add("UnlockInvoicePricing", true, Audit.ANY, s -> new ActionRequest("UnlockInvoicePricing",
                Map.of("InvoiceId", s.invoice().id())));
        add("GenerateQuoteFromOpportunity", true, Audit.NESTED, s -> new ActionRequest("GenerateQuoteFromOpportunity",
                Map.of("OpportunityId", s.opportunity().id())));
        add("GenerateSalesOrderFromOpportunity", true, Audit.NESTED, s -> new ActionRequest(
                "GenerateSalesOrderFromOpportunity", Map.of("OpportunityId", s.opportunity().id())));
        add("GenerateInvoiceFromOpportunity", true, Audit.NESTED, s -> new ActionRequest(
                "GenerateInvoiceFromOpportunity", Map.of("OpportunityId", s.opportunity().id())));
        add("GetQuoteProductsFromOpportunity", true, Audit.ANY, s -> new ActionRequest(
                "GetQuoteProductsFromOpportunity", Map.of("OpportunityId", s.opportunity().id(),
                        "QuoteId", s.quote(0).id())));
        add("GetSalesOrderProductsFromOpportunity", true, Audit.ANY, s -> new ActionRequest(
                "GetSalesOrderProductsFromOpportunity", Map.of("OpportunityId", s.opportunity().id(),
                        "SalesOrderId", s.order().id())));
        add("GetInvoiceProductsFromOpportunity", true, Audit.ANY, s -> new ActionRequest(
                "GetInvoiceProductsFromOpportunity", Map.of("OpportunityId", s.opportunity().id(),
                        "InvoiceId", s.invoice().id())));
        // unlocking an unlocked document or pricing an unchanged one changes (and audits) nothing
        add("CalculatePrice", true, Audit.ANY, s -> new ActionRequest("CalculatePrice", Map.of("Target",
                s.quote(0))));
        add("InitializeFrom", true, Audit.NONE, s -> new ActionRequest("InitializeFrom", Map.of("EntityMoniker",
                s.account(), "TargetEntityName", "quote", "TargetFieldType", 0)));
        add("PublishProductHierarchy", true, Audit.NESTED, s -> new ActionRequest("PublishProductHierarchy",
                s.draftProduct(), Map.of()));
        add("RevertProduct", true, Audit.NESTED, s -> {
            EntityReference product = s.draftProduct();
            s.org.execute(new ActionRequest("PublishProductHierarchy", product, Map.of()));
            s.org.execute(new SetStateRequest(product, 3, 3));
            return new ActionRequest("RevertProduct", Map.of("Target", product));
        });
        add("CloneProduct", true, Audit.NESTED, s -> new ActionRequest("CloneProduct", s.draftProduct(), Map.of()));
        // campaigns
        add("AddItemCampaign", true, Audit.NESTED, s -> new ActionRequest("AddItemCampaign", Map.of("CampaignId",
                s.campaign().id(), "EntityId", s.contactList().id(), "EntityName", "list")));
        add("RemoveItemCampaign", true, Audit.NESTED, s -> {
            EntityReference campaign = s.campaign();
            EntityReference list = s.contactList();
            s.org.execute(new ActionRequest("AddItemCampaign", Map.of("CampaignId", campaign.id(), "EntityId",
                    list.id(), "EntityName", "list")));
            return new ActionRequest("RemoveItemCampaign", Map.of("CampaignId", campaign.id(), "EntityId", list.id()));
        });
        add("DistributeCampaignActivity", true, Audit.NESTED, s -> {
            EntityReference campaign = s.campaign();
            s.org.execute(new ActionRequest("AddItemCampaign", Map.of("CampaignId", campaign.id(), "EntityId",
                    s.contactList().id(), "EntityName", "list")));
            EntityReference calls = new EntityReference("campaignactivity", s.org.create(new Entity("campaignactivity")
                    .set("subject", "Calls " + s.run).set("channeltypecode", 1).set("regardingobjectid", campaign)));
            return new ActionRequest("DistributeCampaignActivity", calls, Map.of("Propagate", false, "Activity",
                    new Entity("phonecall"), "OwnershipOptions", "Caller"));
        });
        // mail: sending queues the email (the send job runs after commit), templates, tracking, mailbox test
        add("SendEmail", true, Audit.NESTED, s -> new ActionRequest("SendEmail", s.draftEmail(),
                Map.of("IssueSend", true)));
        add("GetTrackingTokenEmail", true, Audit.NONE, s -> new ActionRequest("GetTrackingTokenEmail",
                Map.of("Subject", "Hello")));
        add("InstantiateTemplate", true, Audit.NONE, s -> new ActionRequest("InstantiateTemplate", Map.of(
                "TemplateId", s.emailTemplate().id(), "ObjectType", "account", "ObjectId", s.account().id())));
        add("SendEmailFromTemplate", true, Audit.NESTED, s -> new ActionRequest("SendEmailFromTemplate", Map.of(
                "TemplateId", s.emailTemplate().id(), "Regarding", s.account(),
                "Target", new Entity("contact", s.contact().id()))));
        add("CheckIncomingEmail", true, Audit.NONE, s -> new ActionRequest("CheckIncomingEmail", Map.of(
                "MessageId", "<check-" + s.run + "@sample>", "Subject", "Hi", "From", "c-" + s.run + "@sample.test")));
        add("DeliverIncomingEmail", true, Audit.NESTED, s -> new ActionRequest("DeliverIncomingEmail", Map.of(
                "MessageId", "<deliver-" + UUID.randomUUID() + "@sample>", "Subject", "Hi",
                "From", "c-" + s.run + "@sample.test", "To", "me@sample.test", "Body", "<p>Hi</p>")));
        add("TestMailboxConnection", true, Audit.NESTED, s -> new ActionRequest("TestMailboxConnection",
                new EntityReference("mailbox", s.org.create(new Entity("mailbox").set("name", "Sample " + s.run)
                        .set("emailaddress", "box-" + s.run + "@sample.test").set("outgoingemaildeliverymethod", 0))),
                Map.of()));
    }

    EntityReference contact() {
        return new EntityReference("contact", org.create(new Entity("contact").set("lastname", "Sample " + run)
                .set("emailaddress1", "c-" + run + "@sample.test")));
    }

    EntityReference draftEmail() {
        return new EntityReference("email", org.create(new Entity("email").set("subject", "Sample " + run)
                .set("torecipients", "someone-" + run + "@sample.test")));
    }

    EntityReference emailTemplate() {
        return new EntityReference("template", org.create(new Entity("template").set("title", "Sample " + run)
                .set("subject", "Hello {!contact:lastname;there}").set("body", "<p>About {!account:name;}</p>")));
    }

    final OrganizationService org;
    final String run = UUID.randomUUID().toString().substring(0, 8);

    MessageSamples(OrganizationService org) {
        this.org = org;
    }

    static Optional<Sample> of(String message) {
        return Optional.ofNullable(SAMPLES.get(message));
    }

    /** A fresh request (and the records it needs) for the message. */
    OrganizationRequest<?> request(String message) {
        return SAMPLES.get(message).prepare().apply(this);
    }

    private int names;

    /** A custom (publisher-prefixed) name no other sample uses. */
    io.rapport.metadata.OptionSetMetadata optionSet(String name) {
        return new io.rapport.metadata.OptionSetMetadata(name, true, Label.of("Sample choice"), List.of(
                new OptionMetadata(1, Label.of("One")), new OptionMetadata(2, Label.of("Two"))), true);
    }

    /** A new custom global option set with the values 1 and 2, for the option value messages. */
    String newOptionSet() {
        String name = customName();
        org.execute(new io.rapport.pipeline.MetadataMessages.CreateOptionSetRequest(optionSet(name)));
        return name;
    }

    String customName() {
        return "new_s" + run + "_" + (++names);
    }

    Entity newAccount() {
        return new Entity("account").set("name", "Sample " + run);
    }

    Entity newAccountWithId() {
        Entity e = newAccount();
        e.setId(Ids.newId());
        return e;
    }

    EntityReference account() {
        return new EntityReference("account", org.create(newAccount()));
    }

    EntityReference accountList() {
        return new EntityReference("list", org.create(new Entity("list").set("listname", "List " + run)
                .set("createdfromcode", 1)));
    }

    EntityReference lead() {
        return new EntityReference("lead", org.create(new Entity("lead").set("subject", "Sample lead " + run)
                .set("firstname", "Lee").set("lastname", "Sample " + run).set("companyname", "Sample Co " + run)));
    }

    EntityReference opportunity() {
        return new EntityReference("opportunity", org.create(new Entity("opportunity").set("name", "Deal " + run)
                .set("customerid", account())));
    }

    EntityReference incident() {
        return new EntityReference("incident", org.create(new Entity("incident").set("title", "Case " + run)
                .set("customerid", account())));
    }

    EntityReference queue() {
        return new EntityReference("queue", org.create(new Entity("queue").set("name", "Queue " + run + " "
                + Ids.newId())));
    }

    /** A case waiting in a fresh queue. */
    EntityReference queueItem() {
        Object id = org.execute(new ActionRequest("AddToQueue", queue(), Map.of("Target", incident())))
                .output("QueueItemId");
        return new EntityReference("queueitem", (UUID) id);
    }

    /** An active entitlement of ten cases, running from yesterday for a month. */
    EntityReference activeEntitlement() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        return new EntityReference("entitlement", org.create(new Entity("entitlement").set("name", "Entitlement "
                + run).set("customerid", account()).set("startdate", today.minusDays(1))
                .set("enddate", today.plusDays(30)).set("allocationtypecode", 0).set("totalterms",
                        java.math.BigDecimal.TEN)));
    }

    /** An active contract of one line of five cases, running from yesterday for a month. */
    EntityReference activeContract() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        UUID template = org.create(new Entity("contracttemplate").set("name", "Template " + run + " " + Ids.newId())
                .set("abbreviation", "T").set("allotmenttypecode", 1));
        EntityReference contract = new EntityReference("contract", org.create(new Entity("contract")
                .set("title", "Contract " + run).set("customerid", account())
                .set("contracttemplateid", new EntityReference("contracttemplate", template))
                .set("activeon", today.minusDays(1)).set("expireson", today.plusDays(30))));
        org.create(new Entity("contractdetail").set("title", "Line " + run).set("contractid", contract)
                .set("totalallotments", 5));
        org.execute(new SetStateRequest(contract, 1, 2));
        org.execute(new SetStateRequest(contract, 2, 3));
        return contract;
    }

    EntityReference connectionRole() {
        return new EntityReference("connectionrole", org.create(new Entity("connectionrole")
                .set("name", "Role " + run + " " + Ids.newId())));
    }

    EntityReference role() {
        return new EntityReference("role", org.create(new Entity("role").set("name", "Sample role " + run + " "
                + Ids.newId()).set("businessunitid", rootUnit())));
    }

    private EntityReference rootUnit() {
        return new EntityReference("businessunit", org.retrieveMultiple(QueryExpression.from("businessunit")
                .columns(ColumnSet.none()).where(Condition.of("parentbusinessunitid", ConditionOperator.NULL))
                .top(1).build()).entities().get(0).id());
    }

    private EntityReference user;

    EntityReference otherUser() {
        if (user == null) {
            user = new EntityReference("systemuser", org.create(new Entity("systemuser").set("lastname", "Sample")
                    .set("domainname", "sample-" + run).set("businessunitid", rootUnit())));
        }
        return user;
    }

    EntityReference applicationUser() {
        return new EntityReference("systemuser", org.create(new Entity("systemuser").set("lastname", "App")
                .set("domainname", "app-" + run + "-" + Ids.newId()).set("applicationid", UUID.randomUUID())
                .set("businessunitid", rootUnit())));
    }

    private io.rapport.testing.SalesCatalog catalog;

    io.rapport.testing.SalesCatalog catalog() {
        if (catalog == null) {
            catalog = new io.rapport.testing.SalesCatalog(org);
        }
        return catalog;
    }

    /** A quote with one laptop line, in the state given (0 draft, 1 active, 2 won). */
    EntityReference quote(int state) {
        io.rapport.testing.SalesCatalog c = catalog();
        EntityReference quote = new EntityReference("quote", org.create(new Entity("quote").set("name", "Quote " + run)
                .set("customerid", account()).set("pricelevelid", new EntityReference("pricelevel", c.priceList))));
        org.create(new Entity("quotedetail").set("quoteid", quote).set("productid",
                new EntityReference("product", c.laptop)).set("quantity", java.math.BigDecimal.ONE));
        if (state >= 1) {
            org.execute(new SetStateRequest(quote, 1, 2));
        }
        if (state == 2) {
            org.execute(new ActionRequest("WinQuote", Map.of("QuoteClose", new Entity("quoteclose")
                    .set("quoteid", quote), "Status", 4)));
        }
        return quote;
    }

    EntityReference order() {
        Entity order = (Entity) org.execute(new ActionRequest("ConvertQuoteToSalesOrder", Map.of("QuoteId",
                quote(2).id()))).output("ReturnedEntity");
        return order.toReference();
    }

    EntityReference invoice() {
        Entity invoice = (Entity) org.execute(new ActionRequest("ConvertSalesOrderToInvoice", Map.of("SalesOrderId",
                order().id()))).output("ReturnedEntity");
        return invoice.toReference();
    }

    EntityReference campaign() {
        return new EntityReference("campaign", org.create(new Entity("campaign").set("name", "Campaign " + run)));
    }

    /** A static contact list with one member. */
    EntityReference contactList() {
        EntityReference list = new EntityReference("list", org.create(new Entity("list").set("listname", "List " + run)
                .set("createdfromcode", 2)));
        UUID contact = org.create(new Entity("contact").set("lastname", "Member " + run));
        org.create(new Entity("listmember").set("listid", list).set("entityid", new EntityReference("contact",
                contact)));
        return list;
    }

    EntityReference draftProduct() {
        io.rapport.testing.SalesCatalog c = catalog();
        return new EntityReference("product", org.create(new Entity("product").set("name", "Sample product " + run)
                .set("productnumber", "S-" + Ids.newId()).set("defaultuomscheduleid",
                        new EntityReference("uomschedule", c.units)).set("defaultuomid", new EntityReference("uom", c.each))));
    }
}
