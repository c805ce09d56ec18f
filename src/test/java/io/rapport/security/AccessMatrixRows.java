package io.rapport.security;

import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The record types of the access matrix, one row each: how a record is named and made for an owner, and which
 * read paths apply. A new module adds its entities here (quotes, cases, marketing lists...) and every path checks
 * them. {@code make} is null for types whose rows follow from others (activity pointers, reciprocal connections).
 *
 * @param nameAttribute the attribute carrying the run's marker, filtered with {@code contains}
 * @param ui whether the UI lists, exports and searches it
 */
record AccessMatrixRows(String entity, String entitySet, String primaryId, String nameAttribute, boolean ui,
        BiFunction<String, AccessMatrixFixture, Entity> make) {

    /** Every row; the fixture makes one record per owner for each row with {@code make}. */
    static List<AccessMatrixRows> all() {
        return List.of(
                new AccessMatrixRows("account", "accounts", "accountid", "name", true,
                        (name, f) -> new Entity("account").set("name", name)),
                new AccessMatrixRows("contact", "contacts", "contactid", "lastname", true,
                        (name, f) -> new Entity("contact").set("lastname", name)
                                .set("parentcustomerid", new EntityReference("account", f.nextParent()))),
                new AccessMatrixRows("lead", "leads", "leadid", "lastname", true,
                        (name, f) -> new Entity("lead").set("subject", name).set("lastname", name)),
                new AccessMatrixRows("opportunity", "opportunities", "opportunityid", "name", true,
                        (name, f) -> new Entity("opportunity").set("name", name)),
                new AccessMatrixRows("phonecall", "phonecalls", "activityid", "subject", true,
                        (name, f) -> new Entity("phonecall").set("subject", name)
                                .set("regardingobjectid", new EntityReference("account", f.hub()))),
                new AccessMatrixRows("task", "tasks", "activityid", "subject", true,
                        (name, f) -> new Entity("task").set("subject", name)
                                .set("regardingobjectid", new EntityReference("account", f.hub()))),
                new AccessMatrixRows("annotation", "annotations", "annotationid", "subject", true,
                        (name, f) -> new Entity("annotation").set("subject", name)
                                .set("objectid", new EntityReference("account", f.hub()))),
                new AccessMatrixRows("userquery", "userqueries", "userqueryid", "name", false,
                        (name, f) -> new Entity("userquery").set("name", name).set("returnedtypecode", "account")),
                new AccessMatrixRows("connection", "connections", "connectionid", "name", true,
                        (name, f) -> new Entity("connection")
                                .set("record1id", new EntityReference("account", f.nextParent()))
                                .set("record2id", new EntityReference("account", f.hub()))),
                new AccessMatrixRows("quote", "quotes", "quoteid", "name", true,
                        (name, f) -> new Entity("quote").set("name", name)
                                .set("customerid", new EntityReference("account", f.hub()))),
                new AccessMatrixRows("salesorder", "salesorders", "salesorderid", "name", true,
                        (name, f) -> new Entity("salesorder").set("name", name)
                                .set("customerid", new EntityReference("account", f.hub()))),
                new AccessMatrixRows("invoice", "invoices", "invoiceid", "name", true,
                        (name, f) -> new Entity("invoice").set("name", name)
                                .set("customerid", new EntityReference("account", f.hub()))),
                new AccessMatrixRows("incident", "incidents", "incidentid", "title", true,
                        (name, f) -> new Entity("incident").set("title", name)
                                .set("customerid", new EntityReference("account", f.nextParent()))),
                new AccessMatrixRows("list", "lists", "listid", "listname", true,
                        (name, f) -> new Entity("list").set("listname", name).set("createdfromcode", 1)),
                new AccessMatrixRows("mailbox", "mailboxes", "mailboxid", "name", true,
                        (name, f) -> new Entity("mailbox").set("name", name).set("emailaddress", "box@matrix.test")
                                .set("outgoingemaildeliverymethod", 0)),
                new AccessMatrixRows("template", "templates", "templateid", "title", true,
                        (name, f) -> new Entity("template").set("title", name).set("subject", "Hello")),
                new AccessMatrixRows("campaign", "campaigns", "campaignid", "name", true,
                        (name, f) -> new Entity("campaign").set("name", name)),
                new AccessMatrixRows("campaignactivity", "campaignactivities", "activityid", "subject", true,
                        (name, f) -> new Entity("campaignactivity").set("subject", name).set("channeltypecode", 1)
                                .set("regardingobjectid", new EntityReference("campaign", f.campaign()))),
                new AccessMatrixRows("campaignresponse", "campaignresponses", "activityid", "subject", true,
                        (name, f) -> new Entity("campaignresponse").set("subject", name).set("responsecode", 1)
                                .set("regardingobjectid", new EntityReference("campaign", f.campaign()))),
                new AccessMatrixRows("bulkoperation", "bulkoperations", "activityid", "subject", true,
                        (name, f) -> new Entity("bulkoperation").set("subject", name)),
                new AccessMatrixRows("activitypointer", "activitypointers", "activityid", "subject", true, null));
    }

    /** The FetchXML query of the row's records of this run. */
    String fetchXml(String run, boolean count) {
        String attribute = count ? "<attribute name=\"" + primaryId + "\" aggregate=\"count\" alias=\"n\"/>"
                : "<attribute name=\"" + primaryId + "\"/>";
        return "<fetch" + (count ? " aggregate=\"true\"" : "") + "><entity name=\"" + entity + "\">" + attribute
                + "<filter><condition attribute=\"" + nameAttribute + "\" operator=\"like\" value=\"%" + run
                + "%\"/></filter></entity></fetch>";
    }

    /** The Web API filter selecting the row's records of this run. */
    String filter(String run) {
        return "contains(" + nameAttribute + ",'" + run + "')";
    }
}
