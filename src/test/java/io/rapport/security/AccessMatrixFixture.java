package io.rapport.security;

import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The organization of the access matrix, made as the system user, and the oracle of who may read what, computed
 * from the fixture's own bookkeeping (owner, owning unit, shares, teams, unit tree) with Dataverse's rules, never
 * by asking Rapport. Units: root R, child C, grandchild G (under C), sibling S. Readers: one per depth (Basic,
 * Local, Deep, Global, none) in each of R, C and G. Owners of records: a user in each unit, an owner team in C,
 * and the Basic readers themselves. Shares: with users, an owner team and an access team.
 */
final class AccessMatrixFixture {

    static final String PASSWORD = "matrix password";
    static final List<String> DEPTHS = List.of("Basic", "Local", "Deep", "Global", "None");
    private static final List<String> READ = List.of("Account", "Contact", "Lead", "Opportunity", "Incident",
            "ActivityPointer", "PhoneCall", "Task", "Annotation", "Connection", "UserQuery", "Quote", "SalesOrder",
            "Invoice", "List", "Mailbox", "Template", "Campaign", "CampaignActivity", "CampaignResponse",
            "BulkOperation");
    private static final List<String> PLATFORM = List.of("SavedQuery", "SystemForm", "DuplicateRule",
            "TransactionCurrency", "SystemUser", "Team", "BusinessUnit", "Role", "ConnectionRole");

    /** A reader: the depth of their read privilege on every matrix entity, their unit and their teams. */
    record Reader(UUID id, String login, String depth, UUID unit, Set<UUID> teams) {
        @Override
        public String toString() {
            return login.substring(0, login.indexOf('-'));
        }
    }

    /** A record and what decides its visibility. */
    record Rec(String entity, UUID id, String name, UUID owner, UUID unit, Set<UUID> sharedWith, UUID parent) {
    }

    final SecurityFixture f;
    final String run;
    private final OrganizationService org;
    private final Map<UUID, UUID> parentUnit = new HashMap<>();
    private final Map<UUID, UUID> unitOfPrincipal = new HashMap<>();
    private final Set<UUID> teams = new HashSet<>();
    final List<Reader> readers = new ArrayList<>();
    final Map<String, List<Rec>> records = new LinkedHashMap<>();
    private final List<UUID> parents = new ArrayList<>();
    private int nextParent;
    private UUID hub;
    private UUID campaign;

    AccessMatrixFixture(OrganizationService org) {
        this.org = org;
        this.f = new SecurityFixture(org);
        this.run = "m" + f.run;
    }

    UUID hub() {
        return hub;
    }

    /** The campaign that the campaign activities and responses are regarding (its name is not of the run). */
    UUID campaign() {
        return campaign;
    }

    UUID nextParent() {
        return parents.get(nextParent++ % parents.size());
    }

    void build() {
        UUID root = f.rootUnit();
        UUID c = unit("C", root);
        UUID g = unit("G", c);
        UUID s = unit("S", root);
        parentUnit.put(root, null);
        for (String depth : DEPTHS) {
            Map<String, String> privileges = new LinkedHashMap<>();
            if (!depth.equals("None")) {
                READ.forEach(e -> privileges.put("prvRead" + e, depth));
            }
            PLATFORM.forEach(e -> privileges.put("prvRead" + e, "Global"));
            f.role("Matrix " + depth, root, privileges);
        }
        Map<String, UUID> units = Map.of("R", root, "C", c, "G", g);
        Map<String, UUID> byName = new HashMap<>();
        for (String u : List.of("R", "C", "G")) {
            for (String depth : DEPTHS) {
                String name = depth.substring(0, 2).toLowerCase() + u;
                UUID id = f.user(name, units.get(u), "Matrix " + depth + " " + f.run);
                org.execute(new ActionRequest("SetUserPassword", new EntityReference("systemuser", id),
                        Map.of("Password", PASSWORD)));
                unitOfPrincipal.put(id, units.get(u));
                byName.put(name, id);
            }
        }
        UUID oR = owner("oR", root);
        UUID oC = owner("oC", c);
        UUID oG = owner("oG", g);
        UUID oS = owner("oS", s);
        UUID ownerTeam = f.team("Matrix owners", c, 0, byName.get("baC"), byName.get("loG"));
        unitOfPrincipal.put(ownerTeam, c);
        UUID accessTeam = f.team("Matrix access", s, 1, byName.get("baG"), byName.get("loR"));
        teams.add(ownerTeam);
        teams.add(accessTeam);
        Map<UUID, Set<UUID>> teamsOf = new HashMap<>();
        teamsOf.computeIfAbsent(byName.get("baC"), k -> new HashSet<>()).add(ownerTeam);
        teamsOf.computeIfAbsent(byName.get("loG"), k -> new HashSet<>()).add(ownerTeam);
        teamsOf.computeIfAbsent(byName.get("baG"), k -> new HashSet<>()).add(accessTeam);
        teamsOf.computeIfAbsent(byName.get("loR"), k -> new HashSet<>()).add(accessTeam);
        byName.forEach((name, id) -> readers.add(new Reader(id, name + "-" + f.run, DEPTHS.stream()
                .filter(d -> d.substring(0, 2).toLowerCase().equals(name.substring(0, 2))).findFirst().orElseThrow(),
                unitOfPrincipal.get(id), teamsOf.getOrDefault(id, Set.of()))));
        readers.sort(java.util.Comparator.comparing(Reader::login));

        // the hub: an account everyone non-blind can read by a share, whose timeline collects activities and notes
        hub = org.create(new Entity("account").set("name", "hub " + run).set("ownerid", ref(oR)));
        Set<UUID> everyone = new HashSet<>(byName.values());
        everyone.forEach(r -> grant("account", hub, r));
        add("account", hub, "hub " + run, oR, everyone, null);
        List<UUID> owners = List.of(oR, oC, oG, oS, ownerTeam, byName.get("baR"), byName.get("baC"),
                byName.get("baG"));
        for (UUID owner : owners) {
            String label = "parent-" + owners.indexOf(owner) + " " + run;
            UUID id = org.create(new Entity("account").set("name", label).set("ownerid", ref(owner)));
            parents.add(id);
            add("account", id, label, owner, Set.of(), null);
        }
        // the parent of campaign activities and responses, named apart from the run so that no check counts it
        campaign = org.create(new Entity("campaign").set("name", "matrix campaign " + f.run).set("ownerid",
                ref(oR)));
        Map<String, UUID> shareTo = Map.ofEntries(Map.entry("account", byName.get("baC")), Map.entry("contact",
                accessTeam), Map.entry("lead", byName.get("noC")), Map.entry("opportunity", ownerTeam),
                Map.entry("phonecall", byName.get("loC")), Map.entry("task", byName.get("deR")),
                Map.entry("annotation", byName.get("baR")), Map.entry("userquery", byName.get("baG")),
                Map.entry("incident", byName.get("loC")), Map.entry("list", byName.get("deG")),
                Map.entry("campaign", byName.get("baG")), Map.entry("campaignactivity", ownerTeam),
                Map.entry("campaignresponse", accessTeam), Map.entry("bulkoperation", byName.get("loR")));
        for (AccessMatrixRows row : AccessMatrixRows.all()) {
            if (row.make() == null) {
                continue;
            }
            for (UUID owner : owners) {
                make(row, row.entity() + "-" + owners.indexOf(owner) + " " + run, owner, Set.of());
            }
            if (shareTo.containsKey(row.entity())) {
                UUID shared = make(row, row.entity() + "-shared " + run, oS, Set.of(shareTo.get(row.entity())));
                grant(row.entity(), shared, shareTo.get(row.entity()));
            }
        }
        derived();
    }

    private UUID make(AccessMatrixRows row, String name, UUID owner, Set<UUID> sharedWith) {
        Entity e = row.make().apply(name, this).set("ownerid", ref(owner));
        UUID id = org.create(e);
        UUID parent = e.get("parentcustomerid") instanceof EntityReference r ? r.id() : null;
        if (!row.entity().equals("connection")) {
            add(row.entity(), id, name, owner, sharedWith, parent);
        }
        return id;
    }

    /** Activity pointers mirror their activities; connections (and their reciprocals) are read back. */
    private void derived() {
        List<Rec> pointers = new ArrayList<>();
        for (String type : List.of("phonecall", "task", "campaignactivity", "campaignresponse")) {
            records.get(type).forEach(r -> pointers.add(new Rec("activitypointer", r.id(), r.name(), r.owner(),
                    r.unit(), r.sharedWith(), null)));
        }
        records.put("activitypointer", pointers);
        List<Rec> connections = new ArrayList<>();
        for (Entity c : org.retrieveMultiple(QueryExpression.from("connection").select("name", "ownerid",
                "owningbusinessunit").where(Condition.of("name", ConditionOperator.LIKE, "%" + run + "%")).build())
                .entities()) {
            connections.add(new Rec("connection", c.id(), c.getString("name"), c.getReference("ownerid").id(),
                    c.getReference("owningbusinessunit").id(), Set.of(), null));
        }
        records.put("connection", connections);
    }

    private void add(String entity, UUID id, String name, UUID owner, Set<UUID> sharedWith, UUID parent) {
        records.computeIfAbsent(entity, k -> new ArrayList<>()).add(new Rec(entity, id, name, owner,
                unitOfPrincipal.get(owner), sharedWith, parent));
    }

    private void grant(String entity, UUID id, UUID principal) {
        String type = teams.contains(principal) ? "team" : "systemuser";
        org.execute(new ActionRequest("GrantAccess", Map.of("Target", new EntityReference(entity, id),
                "PrincipalAccess", Map.of("Principal", new EntityReference(type, principal), "AccessMask",
                        "ReadAccess"))));
    }

    private UUID unit(String name, UUID parent) {
        UUID id = f.businessUnit("Matrix " + name, parent);
        parentUnit.put(id, parent);
        return id;
    }

    private UUID owner(String name, UUID unit) {
        UUID id = f.user(name, unit);
        unitOfPrincipal.put(id, unit);
        return id;
    }

    private EntityReference ref(UUID principal) {
        return new EntityReference(teams.contains(principal) ? "team" : "systemuser", principal);
    }

    /** Whether Dataverse's rules let the reader read the record. */
    boolean visible(Reader u, Rec r) {
        if (u.depth().equals("None")) {
            return false;
        }
        if (u.depth().equals("Global") || r.owner().equals(u.id()) || u.teams().contains(r.owner())
                || r.sharedWith().contains(u.id()) || r.sharedWith().stream().anyMatch(u.teams()::contains)) {
            return true;
        }
        if (u.depth().equals("Local")) {
            return r.unit().equals(u.unit());
        }
        return u.depth().equals("Deep") && within(r.unit(), u.unit());
    }

    private boolean within(UUID unit, UUID top) {
        for (UUID at = unit; at != null; at = parentUnit.get(at)) {
            if (at.equals(top)) {
                return true;
            }
        }
        return false;
    }

    /** Ids of the entity's records the reader may read. */
    Set<UUID> visibleIds(Reader u, String entity) {
        Set<UUID> ids = new HashSet<>();
        for (Rec r : records.get(entity)) {
            if (visible(u, r)) {
                ids.add(r.id());
            }
        }
        return ids;
    }

    Rec record(String entity, UUID id) {
        return records.get(entity).stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }
}
