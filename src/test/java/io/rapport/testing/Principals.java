package io.rapport.testing;

import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Caller;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.security.RapportPrincipal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Business units, users (with a password to sign in), roles and teams made through the pipeline as the system
 * user, for tests of other modules than security. Names carry a per-run suffix so that tests sharing a database
 * do not see each other's principals.
 */
public final class Principals {

    public static final String PASSWORD = "sales-test-password";

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final OrganizationService org;
    private final Map<UUID, UUID> unitOf = new HashMap<>();
    private final Map<UUID, String> nameOf = new HashMap<>();

    public Principals(OrganizationService org) {
        this.org = org;
    }

    public String run() {
        return run;
    }

    public UUID rootUnit() {
        return org.retrieveMultiple(QueryExpression.from("businessunit").columns(ColumnSet.none())
                .where(Condition.of("parentbusinessunitid", ConditionOperator.NULL)).top(1).build())
                .entities().get(0).id();
    }

    public UUID businessUnit(String name, UUID parent) {
        return org.create(new Entity("businessunit").set("name", name + " " + run)
                .set("parentbusinessunitid", new EntityReference("businessunit", parent)));
    }

    /** A user of the unit, signing in as {@link #userName} with {@link #PASSWORD}, holding the named roles. */
    public UUID user(String name, UUID unit, String... roles) {
        UUID id = org.create(new Entity("systemuser").set("firstname", name).set("lastname", run)
                .set("domainname", name + "-" + run).set("businessunitid", new EntityReference("businessunit", unit)));
        org.execute(new ActionRequest("SetUserPassword", new EntityReference("systemuser", id),
                Map.of("Password", PASSWORD)));
        unitOf.put(id, unit);
        nameOf.put(id, name + "-" + run);
        for (String role : roles) {
            giveRole(id, roleOf(role, unit));
        }
        return id;
    }

    public String userName(UUID user) {
        return nameOf.get(user);
    }

    /** The copy in the unit of a role (built-in by its name, or one of {@link #role}'s by the name given there). */
    public UUID roleOf(String name, UUID unit) {
        List<Entity> found = org.retrieveMultiple(QueryExpression.from("role").columns(ColumnSet.none())
                .where(Filter.and(Condition.eq("businessunitid", unit), Filter.or(Condition.eq("name", name),
                        Condition.eq("name", name + " " + run)))).build()).entities();
        if (found.size() != 1) {
            throw new IllegalStateException(found.size() + " roles named " + name + " in unit " + unit);
        }
        return found.get(0).id();
    }

    public void giveRole(UUID principal, UUID role) {
        boolean team = org.retrieveMultiple(QueryExpression.from("team").columns(ColumnSet.none())
                .where(Condition.eq("teamid", principal)).top(1).build()).entities().size() == 1;
        org.associate(new EntityReference(team ? "team" : "systemuser", principal),
                team ? "teamroles_association" : "systemuserroles_association",
                List.of(new EntityReference("role", role)));
    }

    /** A role of the unit (copied to the units below) with privileges as name to depth (Basic ... Global). */
    public UUID role(String name, UUID unit, Map<String, String> privileges) {
        UUID id = org.create(new Entity("role").set("name", name + " " + run)
                .set("businessunitid", new EntityReference("businessunit", unit)));
        List<Map<String, Object>> items = new ArrayList<>();
        privileges.forEach((p, depth) -> items.add(Map.of("PrivilegeName", p, "Depth", depth)));
        if (!items.isEmpty()) {
            org.execute(new ActionRequest("AddPrivilegesRole", new EntityReference("role", id),
                    Map.of("Privileges", items)));
        }
        return id;
    }

    public UUID team(String name, UUID unit, int type, UUID... members) {
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

    /** The pipeline acting as the user, as a signed-in request through the Web API would. */
    public OrganizationService as(UUID user) {
        return org.as(caller(user));
    }

    public Caller caller(UUID user) {
        return new Caller(user, nameOf.get(user), unitOf.get(user), null, "en", null, Channel.API);
    }

    /** Runs the work with the user signed in on this thread (for services that read the current caller). */
    public <T> T signedIn(UUID user, java.util.function.Supplier<T> work) {
        var principal = new RapportPrincipal(user, nameOf.get(user), nameOf.get(user), unitOf.get(user), "en");
        var previous = SecurityContextHolder.getContext();
        var context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                List.of(new SimpleGrantedAuthority("ROLE_USER"))));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }
}
