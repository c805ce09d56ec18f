package io.rapport.security.internal.roles;

import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.security.internal.OrganizationIdentity;
import io.rapport.security.internal.access.AccessDepth;
import io.rapport.security.internal.access.AccessEvaluator;
import io.rapport.security.internal.access.AccessErrors;
import io.rapport.security.internal.access.PrivilegeCatalog;
import io.rapport.security.internal.access.RolePrivilegeMirror;
import io.rapport.security.internal.access.RolePrivilegeRepository;
import io.rapport.security.internal.access.SecurityVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiFunction;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Dataverse's messages to manage the privileges of a role: AddPrivilegesRole, ReplacePrivilegesRole,
 * RemovePrivilegeRole and RetrieveRolePrivilegesRole, bound to a role. Changing a role needs write access to it;
 * a copy of a role in a child business unit stands for the role it follows.
 */
@Configuration
class RolePrivilegeActions {

    private static final String ROLE = "role";

    private final RolePrivilegeRepository repository;
    private final SecurityVersion version;
    private final AccessEvaluator evaluator;
    private final OrganizationIdentity identity;
    private final RolePrivilegeMirror mirror;

    RolePrivilegeActions(RolePrivilegeRepository repository, SecurityVersion version, AccessEvaluator evaluator,
            OrganizationIdentity identity, RolePrivilegeMirror mirror) {
        this.mirror = mirror;
        this.repository = repository;
        this.version = version;
        this.evaluator = evaluator;
        this.identity = identity;
    }

    @Bean
    ActionHandler addPrivilegesRole() {
        return handler("AddPrivilegesRole", false, List.of(Parameter.required("Privileges",
                "Collection(Microsoft.Dynamics.CRM.RolePrivilege)")), List.of(), (request, ctx) -> {
            UUID role = writableRole(request, ctx);
            PrivilegeCatalog catalog = new PrivilegeCatalog(ctx.snapshot());
            var items = RolePrivilegeParameters.read(request.parameter("Privileges"), catalog);
            checkCanGrant(ctx, items);
            for (var item : items) {
                repository.set(role, item.privilege().name(), item.depth());
            }
            version.bump();
            mirror.sync(role);
            return Map.of();
        });
    }

    @Bean
    ActionHandler replacePrivilegesRole() {
        return handler("ReplacePrivilegesRole", false, List.of(Parameter.required("Privileges",
                "Collection(Microsoft.Dynamics.CRM.RolePrivilege)")), List.of(), (request, ctx) -> {
            UUID role = writableRole(request, ctx);
            PrivilegeCatalog catalog = new PrivilegeCatalog(ctx.snapshot());
            var items = RolePrivilegeParameters.read(request.parameter("Privileges"), catalog);
            checkCanGrant(ctx, items);
            repository.removeAll(role);
            items.forEach(item -> repository.set(role, item.privilege().name(), item.depth()));
            version.bump();
            mirror.sync(role);
            return Map.of();
        });
    }

    @Bean
    ActionHandler removePrivilegeRole() {
        return handler("RemovePrivilegeRole", false, List.of(Parameter.required("PrivilegeId", "Guid")), List.of(),
                (request, ctx) -> {
                    UUID role = writableRole(request, ctx);
                    var privilege = RolePrivilegeParameters.privilege(request.parameter("PrivilegeId"), null,
                            new PrivilegeCatalog(ctx.snapshot()));
                    repository.set(role, privilege.name(), AccessDepth.NONE);
                    version.bump();
                    mirror.sync(role);
                    return Map.of();
                });
    }

    @Bean
    ActionHandler retrieveRolePrivilegesRole() {
        return handler("RetrieveRolePrivilegesRole", true, List.of(),
                List.of(Parameter.required("RolePrivileges", "Collection(Microsoft.Dynamics.CRM.RolePrivilege)")),
                (request, ctx) -> {
                    Entity role = readableRole(request, ctx);
                    UUID root = rootOf(role);
                    PrivilegeCatalog catalog = new PrivilegeCatalog(ctx.snapshot());
                    List<Map<String, Object>> out = new ArrayList<>();
                    UUID unit = role.getReference("businessunitid").id();
                    repository.granted(root).forEach((name, depth) -> catalog.byName(name).ifPresent(
                            p -> out.add(RolePrivilegeParameters.write(p, depth, unit))));
                    return Map.of("RolePrivileges", out);
                });
    }

    /**
     * Dataverse's RetrieveUserPrivileges, bound to a user ({@code systemusers(<id>)/...RetrieveUserPrivileges()}):
     * the deepest depth of every privilege the user holds through their roles and their owner teams' roles, with the
     * user's business unit; the caller needs read access to the user.
     */
    @Bean
    ActionHandler retrieveUserPrivileges() {
        return ActionHandler.of(new ActionDefinition("RetrieveUserPrivileges", "systemuser", true, List.of(),
                List.of(Parameter.required("RolePrivileges", "Collection(Microsoft.Dynamics.CRM.RolePrivilege)"))),
                (request, ctx) -> {
                    EntityReference target = request.target();
                    if (target == null || !"systemuser".equals(target.logicalName())) {
                        throw io.rapport.error.RapportException.invalid(request.name() + " is bound to a user.");
                    }
                    Entity user = ctx.service().retrieve("systemuser", target.id(), ColumnSet.of("businessunitid"));
                    UUID unit = user.getReference("businessunitid").id();
                    PrivilegeCatalog catalog = new PrivilegeCatalog(ctx.snapshot());
                    List<Map<String, Object>> out = new ArrayList<>();
                    var security = evaluator.security(target.id());
                    if (security.systemAdministrator()) {
                        // the System Administrator role holds every privilege at organization depth
                        catalog.all().stream().sorted(java.util.Comparator.comparing(p -> p.name())).forEach(p ->
                                out.add(RolePrivilegeParameters.write(p, AccessDepth.GLOBAL, unit)));
                    } else {
                        new java.util.TreeMap<>(security.privileges()).forEach((name, scope) -> catalog.byName(name)
                                .ifPresent(p -> out.add(RolePrivilegeParameters.write(p, scope.depth(), unit))));
                    }
                    return Map.of("RolePrivileges", out);
                });
    }

    private static ActionHandler handler(String name, boolean function, List<Parameter> parameters,
            List<Parameter> outputs, BiFunction<ActionRequest, PluginContext, Map<String, Object>> body) {
        return ActionHandler.of(new ActionDefinition(name, ROLE, function, parameters, outputs), body);
    }

    private Entity readableRole(ActionRequest request, PluginContext ctx) {
        EntityReference target = request.target();
        if (target == null || !ROLE.equals(target.logicalName())) {
            throw io.rapport.error.RapportException.invalid(request.name() + " is bound to a role.");
        }
        return ctx.service().retrieve(ROLE, target.id(), ColumnSet.of("parentrootroleid", "businessunitid"));
    }

    /** The role whose privileges change (the root role of a copy), after checking write access to the target. */
    private UUID writableRole(ActionRequest request, PluginContext ctx) {
        Entity role = readableRole(request, ctx);
        EntityMetadata meta = ctx.snapshot().entity(ROLE);
        if (!identity.isSystem(ctx.caller())) {
            var s = evaluator.security(ctx.caller().userId());
            var scope = evaluator.scope(s, meta, Privilege.WRITE).orElseThrow(() ->
                    AccessErrors.missingPrivilege(ctx.caller().userId(), meta, Privilege.WRITE, s.disabled()));
            if (!evaluator.reaches(s, meta, scope, Privilege.WRITE, role)) {
                throw AccessErrors.noAccess(ctx.caller().userId(), meta, Privilege.WRITE, role);
            }
        }
        return rootOf(role);
    }

    /** Nobody but an administrator grants a privilege deeper than they hold it themselves. */
    private void checkCanGrant(PluginContext ctx, List<RolePrivilegeParameters.Item> items) {
        if (identity.isSystem(ctx.caller())) {
            return;
        }
        var s = evaluator.security(ctx.caller().userId());
        if (s.systemAdministrator()) {
            return;
        }
        for (var item : items) {
            var own = s.scope(item.privilege().name());
            if (own.isEmpty() || own.get().depth().mask() < item.depth().mask()) {
                throw AccessErrors.missingPrivilege(ctx.caller().userId(), item.privilege().name());
            }
        }
    }

    private static UUID rootOf(Entity role) {
        EntityReference root = role.getReference("parentrootroleid");
        return root != null ? root.id() : role.id();
    }
}
