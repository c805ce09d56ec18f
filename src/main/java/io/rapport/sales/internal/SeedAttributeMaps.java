package io.rapport.sales.internal;

import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import java.util.List;
import java.util.Map;

/**
 * The default lead attribute maps. A source/target pair is seeded only while it has no maps at all, so that
 * maps an administrator removed or changed are left alone.
 */
final class SeedAttributeMaps {

    private static final List<String> ADDRESS = List.of("address1_line1", "address1_line2", "address1_city",
            "address1_stateorprovince", "address1_postalcode", "address1_country");

    static final Map<String, Map<String, String>> DEFAULTS = Map.of(
            "account", withAddress(Map.of("companyname", "name", "telephone1", "telephone1",
                    "emailaddress1", "emailaddress1", "websiteurl", "websiteurl", "industrycode", "industrycode",
                    "revenue", "revenue", "numberofemployees", "numberofemployees", "description", "description",
                    "transactioncurrencyid", "transactioncurrencyid")),
            "contact", withAddress(Map.ofEntries(Map.entry("salutation", "salutation"),
                    Map.entry("firstname", "firstname"), Map.entry("middlename", "middlename"),
                    Map.entry("lastname", "lastname"), Map.entry("jobtitle", "jobtitle"),
                    Map.entry("emailaddress1", "emailaddress1"), Map.entry("telephone1", "telephone1"),
                    Map.entry("mobilephone", "mobilephone"), Map.entry("websiteurl", "websiteurl"),
                    Map.entry("donotemail", "donotemail"), Map.entry("donotphone", "donotphone"),
                    Map.entry("transactioncurrencyid", "transactioncurrencyid"))),
            "opportunity", Map.of("subject", "name", "estimatedamount", "estimatedvalue",
                    "estimatedclosedate", "estimatedclosedate", "budgetamount", "budgetamount",
                    "purchasetimeframe", "purchasetimeframe", "leadqualitycode", "opportunityratingcode",
                    "description", "description", "transactioncurrencyid", "transactioncurrencyid"));

    private SeedAttributeMaps() {
    }

    private static Map<String, String> withAddress(Map<String, String> fields) {
        var all = new java.util.TreeMap<>(fields);
        ADDRESS.forEach(a -> all.put(a, a));
        return all;
    }

    static int seed(OrganizationService system) {
        int created = 0;
        for (var target : new java.util.TreeMap<>(DEFAULTS).entrySet()) {
            boolean any = !system.retrieveMultiple(QueryExpression.from("attributemap").columns(ColumnSet.none())
                    .where(Condition.eq("sourceentityname", "lead"))
                    .where(Condition.eq("targetentityname", target.getKey())).top(1).build()).entities().isEmpty();
            if (any) {
                continue;
            }
            for (var map : new java.util.TreeMap<>(target.getValue()).entrySet()) {
                system.create(new Entity("attributemap").set("sourceentityname", "lead")
                        .set("targetentityname", target.getKey()).set("sourceattributename", map.getKey())
                        .set("targetattributename", map.getValue()));
                created++;
            }
        }
        return created;
    }
}
