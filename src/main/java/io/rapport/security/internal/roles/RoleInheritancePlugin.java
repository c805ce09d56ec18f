package io.rapport.security.internal.roles;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.security.internal.OrganizationIdentity;
import io.rapport.security.internal.access.RolePrivilegeRepository;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Keeps Dataverse's role inheritance: every business unit holds a copy of the roles of the units above it, so a
 * user is given a role of their own business unit. A copy names the role it follows in {@code parentrootroleid}
 * and has no privileges of its own (the root role's apply). Deleting a role deletes its privileges.
 */
@Component
@PluginStep(messages = Messages.CREATE, entity = "businessunit", stage = Stage.POST_OPERATION, order = 50)
@PluginStep(messages = Messages.CREATE, entity = "role", stage = Stage.POST_OPERATION, order = 50)
@PluginStep(messages = Messages.DELETE, entity = "role", stage = Stage.POST_OPERATION, order = 50)
class RoleInheritancePlugin implements Plugin {

    private final OrganizationIdentity identity;
    private final RolePrivilegeRepository privileges;

    RoleInheritancePlugin(OrganizationIdentity identity, RolePrivilegeRepository privileges) {
        this.identity = identity;
        this.privileges = privileges;
    }

    @Override
    public void execute(PluginContext context) {
        if (Messages.DELETE.equals(context.messageName())) {
            privileges.deleteRole(context.targetReference().id());
            return;
        }
        OrganizationService sys = context.service().as(identity.systemCaller());
        Entity created = context.postImage();
        if ("businessunit".equals(context.entityName())) {
            EntityReference parent = created.getReference("parentbusinessunitid");
            if (parent != null) {
                for (Entity role : rolesOf(sys, parent.id())) {
                    copy(sys, role, created.id());
                }
            }
        } else if (created.getReference("parentrootroleid") == null) {
            UUID unit = created.getReference("businessunitid").id();
            for (Entity bu : sys.retrieveMultiple(QueryExpression.from("businessunit").columns(ColumnSet.none())
                    .where(Condition.of("businessunitid", ConditionOperator.UNDER, unit)).build()).entities()) {
                copy(sys, created, bu.id());
            }
        }
    }

    private static java.util.List<Entity> rolesOf(OrganizationService sys, UUID unit) {
        return sys.retrieveMultiple(QueryExpression.from("role")
                .columns(ColumnSet.of("name", "roletemplateid", "parentrootroleid", "description"))
                .where(Condition.eq("businessunitid", unit)).build()).entities();
    }

    private static void copy(OrganizationService sys, Entity role, UUID unit) {
        EntityReference root = role.getReference("parentrootroleid");
        sys.create(new Entity("role").set("name", role.get("name")).set("roletemplateid", role.get("roletemplateid"))
                .set("description", role.get("description"))
                .set("businessunitid", new EntityReference("businessunit", unit))
                .set("parentroleid", new EntityReference("role", role.id()))
                .set("parentrootroleid", root != null ? root : new EntityReference("role", role.id())));
    }
}
