package io.rapport.sales.internal;

import io.rapport.pipeline.Messages.CreateMultipleRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The default connection roles and their matching roles. Roles are found by name; matching roles are linked
 * only when one of the two roles is created now, so links an administrator removed stay removed.
 */
final class SeedConnectionRoles {

    private static final int BUSINESS = 1;
    private static final int SOCIAL = 3;
    private static final int SALES = 4;
    private static final int STAKEHOLDER = 1000;

    private static final List<Map.Entry<String, Integer>> ROLES = List.of(Map.entry("Supplier", BUSINESS),
            Map.entry("Customer", BUSINESS), Map.entry("Employee", BUSINESS), Map.entry("Employer", BUSINESS),
            Map.entry("Former Employee", BUSINESS), Map.entry("Colleague", BUSINESS), Map.entry("Partner", BUSINESS),
            Map.entry("Competitor", BUSINESS), Map.entry("Friend", SOCIAL), Map.entry("Decision Maker", STAKEHOLDER),
            Map.entry("Influencer", STAKEHOLDER), Map.entry("Champion", SALES));
    private static final List<List<String>> MATCHING = List.of(List.of("Supplier", "Customer"),
            List.of("Employee", "Employer"), List.of("Former Employee", "Employer"),
            List.of("Colleague", "Colleague"), List.of("Partner", "Partner"), List.of("Friend", "Friend"),
            List.of("Competitor", "Competitor"));

    private SeedConnectionRoles() {
    }

    static int seed(OrganizationService system) {
        Map<String, UUID> ids = new HashMap<>();
        for (Entity role : system.retrieveMultiple(QueryExpression.from("connectionrole").select("name")
                .where(Condition.of("name", ConditionOperator.IN, ROLES.stream().map(Map.Entry::getKey).toArray()))
                .build()).entities()) {
            // names compare without case, as the query's condition does
            ids.putIfAbsent(role.getString("name").toLowerCase(Locale.ROOT), role.id());
        }
        Map<String, Boolean> created = new HashMap<>();
        List<Entity> missing = new ArrayList<>();
        for (var role : ROLES) {
            UUID id = ids.get(role.getKey().toLowerCase(Locale.ROOT));
            if (id == null) {
                id = UUID.randomUUID();
                missing.add(new Entity("connectionrole", id).set("name", role.getKey()).set("category",
                        role.getValue()));
                created.put(role.getKey(), true);
            }
            ids.put(role.getKey(), id);
        }
        if (!missing.isEmpty()) {
            system.execute(new CreateMultipleRequest(missing));
        }
        for (List<String> pair : MATCHING) {
            if (created.containsKey(pair.get(0)) || created.containsKey(pair.get(1))) {
                system.associate(new EntityReference("connectionrole", ids.get(pair.get(0))),
                        "connectionroleassociation_association",
                        List.of(new EntityReference("connectionrole", ids.get(pair.get(1)))));
            }
        }
        return created.size();
    }
}
