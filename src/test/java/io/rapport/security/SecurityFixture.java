package io.rapport.security;

import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.Filter;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Builds business units, users, teams and roles through the pipeline as the system user, with names unique to
 * one test run so tests sharing a database do not see each other's data.
 */
final class SecurityFixture {

    /**
     * A role working on its own records only: every right at user depth on the sales records, activities and
     * notes, and reading the reference data across the organization (what Salesperson granted before it took
     * Dynamics' organization-wide read and write). Tests of row security use it so that their users see their own
     * records and nothing else.
     */
    static final String OWN_RECORDS = "Own Records";
    /**
     * A role reading the sales records of the user's business unit and the units below it and changing those of
     * the unit (what Sales Manager granted before it took Dynamics' organization-wide read and write).
     */
    static final String TEAM_LEAD = "Team Lead";

    private static final List<String> OWN_ENTITIES = List.of("Account", "Contact", "Lead", "Opportunity",
            "OpportunityClose", "Connection", "Annotation", "ActivityPointer", "Task", "PhoneCall", "Email",
            "Appointment");
    private static final List<String> REFERENCE = List.of("SystemUser", "Team", "BusinessUnit", "Role",
            "TransactionCurrency", "Competitor", "ConnectionRole", "SavedQuery", "SystemForm", "DuplicateRule");
    private static final List<String> RIGHTS = List.of("Create", "Read", "Write", "Delete", "Append", "AppendTo",
            "Assign", "Share");

    final String run = UUID.randomUUID().toString().substring(0, 8);
    private final OrganizationService org;
    private final Map<UUID, UUID> unitOf = new HashMap<>();
    private final java.util.Set<String> made = new java.util.HashSet<>();

    SecurityFixture(OrganizationService org) {
        this.org = org;
    }

    UUID rootUnit() {
        return org.retrieveMultiple(QueryExpression.from("businessunit").columns(ColumnSet.none())
                .where(Condition.of("parentbusinessunitid", io.rapport.query.ConditionOperator.NULL)).top(1).build())
                .entities().get(0).id();
    }

    UUID businessUnit(String name, UUID parent) {
        return org.create(new Entity("businessunit").set("name", name + " " + run)
                .set("parentbusinessunitid", new EntityReference("businessunit", parent)));
    }

    /** A user of the business unit with the named roles (found among the unit's roles, as Dataverse copies them). */
    UUID user(String name, UUID unit, String... roles) {
        UUID id = org.create(new Entity("systemuser").set("lastname", name).set("domainname", name + "-" + run)
                .set("businessunitid", new EntityReference("businessunit", unit)));
        unitOf.put(id, unit);
        for (String role : roles) {
            giveRole(id, roleOf(role, unit));
        }
        return id;
    }

    UUID roleOf(String name, UUID unit) {
        if (name.equals(OWN_RECORDS) || name.equals(TEAM_LEAD)) {
            if (made.add(name)) {
                Map<String, String> privileges = new java.util.LinkedHashMap<>();
                boolean lead = name.equals(TEAM_LEAD);
                OWN_ENTITIES.forEach(e -> RIGHTS.forEach(r -> privileges.put("prv" + r + e, !lead ? "Basic"
                        : r.equals("Read") ? "Deep" : r.equals("Create") || r.equals("Delete") ? "Basic" : "Local")));
                REFERENCE.forEach(e -> privileges.put("prvRead" + e, "Global"));
                role(name, rootUnit(), privileges);
            }
            name = name + " " + run;
        }
        List<Entity> found = org.retrieveMultiple(QueryExpression.from("role").columns(ColumnSet.none())
                .where(Filter.and(Condition.eq("name", name), Condition.eq("businessunitid", unit))).build())
                .entities();
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " roles named " + name + " in unit " + unit);
        }
        return found.get(0).id();
    }

    void giveRole(UUID user, UUID role) {
        org.associate(new EntityReference("systemuser", user), "systemuserroles_association",
                List.of(new EntityReference("role", role)));
    }

    /** A role of the unit with privileges given as name to depth (Basic, Local, Deep, Global). */
    UUID role(String name, UUID unit, Map<String, String> privileges) {
        UUID id = org.create(new Entity("role").set("name", name + " " + run)
                .set("businessunitid", new EntityReference("businessunit", unit)));
        List<Map<String, Object>> items = new ArrayList<>();
        privileges.forEach((p, depth) -> items.add(Map.of("PrivilegeName", p, "Depth", depth)));
        org.execute(new ActionRequest("AddPrivilegesRole", new EntityReference("role", id),
                Map.of("Privileges", items)));
        return id;
    }

    UUID team(String name, UUID unit, int type, UUID... members) {
        UUID id = org.create(new Entity("team").set("name", name + " " + run).set("teamtype", type)
                .set("businessunitid", new EntityReference("businessunit", unit)));
        List<EntityReference> refs = new ArrayList<>();
        for (UUID m : members) {
            refs.add(new EntityReference("systemuser", m));
        }
        if (!refs.isEmpty()) {
            org.associate(new EntityReference("team", id), "teammembership_association", refs);
        }
        return id;
    }

    /** The service acting as the user, as a signed-in request through the Web API would. */
    OrganizationService as(UUID user) {
        return org.as(caller(user));
    }

    Caller caller(UUID user) {
        return new Caller(user, "user " + user, unitOf.get(user), null, "en", null, Channel.API);
    }

    /** Names of the accounts of this run that the user sees, sorted. */
    List<String> accountsSeenBy(UUID user) {
        return as(user).retrieveMultiple(QueryExpression.from("account").select("name")
                .where(Condition.of("name", io.rapport.query.ConditionOperator.ENDS_WITH, run))
                .orderBy(new io.rapport.query.Order(null, "name", false)).build()).entities().stream()
                .map(e -> e.getString("name").replace(" " + run, "")).toList();
    }

    UUID account(UUID owner, String name) {
        return as(owner).create(new Entity("account").set("name", name + " " + run));
    }
}
