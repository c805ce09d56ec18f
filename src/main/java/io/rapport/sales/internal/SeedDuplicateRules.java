package io.rapport.sales.internal;

import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.List;

/** The built-in duplicate detection rules, created by name when missing: account name, contact and lead email. */
final class SeedDuplicateRules {

    private record Rule(String name, String base, String matching, String baseAttribute, String matchingAttribute) {
    }

    private static final List<Rule> RULES = List.of(
            new Rule("Accounts with the same Account Name", "account", "account", "name", "name"),
            new Rule("Contacts with the same e-mail address", "contact", "contact", "emailaddress1", "emailaddress1"),
            new Rule("Leads with the same e-mail address", "lead", "lead", "emailaddress1", "emailaddress1"));

    private SeedDuplicateRules() {
    }

    static int seed(OrganizationService system) {
        int created = 0;
        for (Rule r : RULES) {
            boolean exists = !system.retrieveMultiple(QueryExpression.from("duplicaterule").columns(ColumnSet.none())
                    .where(Condition.eq("name", r.name())).top(1).build()).entities().isEmpty();
            if (exists) {
                continue;
            }
            var id = system.create(new Entity("duplicaterule").set("name", r.name()).set("baseentityname", r.base())
                    .set("matchingentityname", r.matching()).set("excludeinactiverecords", false));
            system.create(new Entity("duplicaterulecondition")
                    .set("regardingobjectid", new EntityReference("duplicaterule", id))
                    .set("baseattributename", r.baseAttribute()).set("matchingattributename", r.matchingAttribute())
                    .set("operatorcode", 0).set("ignoreblankvalues", true));
            created++;
        }
        return created;
    }
}
