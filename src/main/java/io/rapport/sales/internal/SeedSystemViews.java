package io.rapport.sales.internal;

import io.rapport.pipeline.Messages.CreateMultipleRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import java.util.List;

/**
 * Dataverse's standard system views of the sales entities ("Active Accounts", "Open Leads"...) as
 * {@code savedquery} records with their FetchXML and layout XML, so that Web API clients find them by name and
 * run them with {@code ?savedQuery=<id>}. They carry no Rapport layout ({@code layoutjson}): the UI keeps its
 * built-in views and skips these. Found by name and entity; a view that exists is left as it is.
 */
final class SeedSystemViews {

    private record View(String entity, int objectTypeCode, String name, boolean isDefault, String filter,
            List<String> columns) {
    }

    private static final String ACTIVE = "<condition attribute=\"statecode\" operator=\"eq\" value=\"0\"/>";
    private static final String INACTIVE = "<condition attribute=\"statecode\" operator=\"eq\" value=\"1\"/>";
    private static final String MINE = "<condition attribute=\"ownerid\" operator=\"eq-userid\"/>";

    private static final List<View> VIEWS = List.of(
            new View("account", 1, "Active Accounts", true, ACTIVE,
                    List.of("name", "telephone1", "address1_city", "primarycontactid")),
            new View("account", 1, "My Active Accounts", false, ACTIVE + MINE,
                    List.of("name", "telephone1", "address1_city", "primarycontactid")),
            new View("account", 1, "Inactive Accounts", false, INACTIVE, List.of("name", "telephone1")),
            new View("contact", 2, "Active Contacts", true, ACTIVE,
                    List.of("fullname", "parentcustomerid", "emailaddress1", "telephone1")),
            new View("contact", 2, "My Active Contacts", false, ACTIVE + MINE,
                    List.of("fullname", "parentcustomerid", "emailaddress1", "telephone1")),
            new View("contact", 2, "Inactive Contacts", false, INACTIVE, List.of("fullname", "emailaddress1")),
            new View("lead", 4, "Open Leads", true, ACTIVE,
                    List.of("fullname", "subject", "companyname", "emailaddress1", "createdon")),
            new View("lead", 4, "My Open Leads", false, ACTIVE + MINE,
                    List.of("fullname", "subject", "companyname", "emailaddress1", "createdon")),
            new View("opportunity", 3, "Open Opportunities", true, ACTIVE,
                    List.of("name", "customerid", "estimatedvalue", "estimatedclosedate")),
            new View("opportunity", 3, "My Open Opportunities", false, ACTIVE + MINE,
                    List.of("name", "customerid", "estimatedvalue", "estimatedclosedate")));

    private SeedSystemViews() {
    }

    static int seed(OrganizationService system) {
        List<Entity> missing = new java.util.ArrayList<>();
        for (View v : VIEWS) {
            boolean exists = !system.retrieveMultiple(QueryExpression.from("savedquery").columns(ColumnSet.none())
                    .where(Condition.eq("name", v.name())).where(Condition.eq("returnedtypecode", v.entity()))
                    .top(1).build()).entities().isEmpty();
            if (!exists) {
                missing.add(new Entity("savedquery").set("name", v.name()).set("returnedtypecode", v.entity())
                        .set("querytype", 0).set("isdefault", v.isDefault()).set("isquickfindquery", false)
                        .set("iscustomizable", true).set("fetchxml", fetchXml(v)).set("layoutxml", layoutXml(v))
                        .set("columnsetxml", columnSetXml(v)));
            }
        }
        if (!missing.isEmpty()) {
            system.execute(new CreateMultipleRequest(missing));
        }
        return missing.size();
    }

    static String fetchXml(View v) {
        StringBuilder b = new StringBuilder("<fetch version=\"1.0\" output-format=\"xml-platform\" mapping=\"logical\">"
                + "<entity name=\"").append(v.entity()).append("\">");
        for (String c : v.columns()) {
            b.append("<attribute name=\"").append(c).append("\"/>");
        }
        b.append("<attribute name=\"").append(v.entity()).append("id\"/>");
        b.append("<order attribute=\"").append(v.columns().get(0)).append("\" descending=\"false\"/>");
        b.append("<filter type=\"and\">").append(v.filter()).append("</filter></entity></fetch>");
        return b.toString();
    }

    static String layoutXml(View v) {
        StringBuilder b = new StringBuilder("<grid name=\"resultset\" object=\"").append(v.objectTypeCode())
                .append("\" jump=\"").append(v.columns().get(0)).append("\" select=\"1\" icon=\"1\" preview=\"1\">")
                .append("<row name=\"result\" id=\"").append(v.entity()).append("id\">");
        for (String c : v.columns()) {
            b.append("<cell name=\"").append(c).append("\" width=\"").append(c.equals(v.columns().get(0)) ? 300 : 150)
                    .append("\"/>");
        }
        return b.append("</row></grid>").toString();
    }

    static String columnSetXml(View v) {
        StringBuilder b = new StringBuilder("<columnset version=\"1.0\">");
        for (String c : v.columns()) {
            b.append("<column>").append(c).append("</column>");
        }
        return b.append("</columnset>").toString();
    }
}
