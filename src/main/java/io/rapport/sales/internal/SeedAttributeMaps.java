package io.rapport.sales.internal;

import io.rapport.pipeline.Messages.CreateMultipleRequest;
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

    /**
     * What a quote, order or invoice started from a customer or an opportunity takes from it (InitializeFrom,
     * Generate...FromOpportunity): price list, currency, bill-to and ship-to addresses, terms.
     */
    static final Map<String, Map<String, Map<String, String>>> DOCUMENTS = documents();

    private SeedAttributeMaps() {
    }

    private static Map<String, Map<String, Map<String, String>>> documents() {
        Map<String, String> customer = new java.util.TreeMap<>(Map.of("defaultpricelevelid", "pricelevelid",
                "transactioncurrencyid", "transactioncurrencyid", "paymenttermscode", "paymenttermscode",
                "address1_shippingmethodcode", "shippingmethodcode", "address1_freighttermscode", "freighttermscode"));
        Map<String, Map<String, String>> perSource = new java.util.TreeMap<>();
        for (String source : List.of("account", "contact")) {
            Map<String, String> m = new java.util.TreeMap<>(customer);
            String name = source.equals("account") ? "name" : "fullname";
            // one source attribute fills both addresses: the key is the target, so bill-to and ship-to get a row each
            m.put(name, "billto_name");
            ADDRESS.forEach(a -> m.put(a, "billto_" + a.substring("address1_".length())));
            perSource.put(source, m);
        }
        Map<String, String> opportunity = new java.util.TreeMap<>(Map.of("name", "name", "pricelevelid",
                "pricelevelid", "transactioncurrencyid", "transactioncurrencyid", "customerid", "customerid",
                "description", "description"));
        Map<String, Map<String, Map<String, String>>> all = new java.util.TreeMap<>();
        for (String target : List.of("quote", "salesorder", "invoice")) {
            Map<String, Map<String, String>> bySource = new java.util.TreeMap<>();
            perSource.forEach((source, m) -> bySource.put(source, m));
            bySource.put("opportunity", opportunity);
            all.put(target, bySource);
        }
        return all;
    }

    /** Ship-to rows beside the bill-to ones (same source attribute, second target). */
    private static Map<String, String> shipTo(String source) {
        Map<String, String> m = new java.util.TreeMap<>();
        m.put(source.equals("account") ? "name" : "fullname", "shipto_name");
        ADDRESS.forEach(a -> m.put(a, "shipto_" + a.substring("address1_".length())));
        return m;
    }

    private static Map<String, String> withAddress(Map<String, String> fields) {
        var all = new java.util.TreeMap<>(fields);
        ADDRESS.forEach(a -> all.put(a, a));
        return all;
    }

    /** Creates the maps of every source/target pair that has none, in one CreateMultiple. */
    static int seed(OrganizationService system) {
        List<Entity> rows = new java.util.ArrayList<>();
        for (var target : new java.util.TreeMap<>(DEFAULTS).entrySet()) {
            if (!hasMaps(system, "lead", target.getKey())) {
                new java.util.TreeMap<>(target.getValue()).forEach((from, to) -> rows.add(map("lead", target.getKey(),
                        from, to)));
            }
        }
        for (var target : DOCUMENTS.entrySet()) {
            for (var source : target.getValue().entrySet()) {
                if (hasMaps(system, source.getKey(), target.getKey())) {
                    continue;
                }
                source.getValue().forEach((from, to) -> rows.add(map(source.getKey(), target.getKey(), from, to)));
                if (!source.getKey().equals("opportunity")) {
                    shipTo(source.getKey()).forEach((from, to) -> rows.add(map(source.getKey(), target.getKey(), from,
                            to)));
                }
            }
        }
        if (!rows.isEmpty()) {
            system.execute(new CreateMultipleRequest(rows));
        }
        return rows.size();
    }

    private static boolean hasMaps(OrganizationService system, String source, String target) {
        return !system.retrieveMultiple(QueryExpression.from("attributemap").columns(ColumnSet.none())
                .where(Condition.eq("sourceentityname", source)).where(Condition.eq("targetentityname", target))
                .top(1).build()).entities().isEmpty();
    }

    private static Entity map(String source, String target, String from, String to) {
        return new Entity("attributemap").set("sourceentityname", source).set("targetentityname", target)
                .set("sourceattributename", from).set("targetattributename", to);
    }
}
