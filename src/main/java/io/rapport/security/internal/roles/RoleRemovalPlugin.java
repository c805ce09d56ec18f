package io.rapport.security.internal.roles;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.JoinType;
import io.rapport.query.LinkEntity;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.security.internal.OrganizationIdentity;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Component;

/**
 * A user or team that moves to another business unit loses its security roles, as in Dataverse: roles belong to
 * business units, and the new unit's roles have to be given explicitly.
 */
@Component
@PluginStep(messages = Messages.UPDATE, entity = "systemuser", stage = Stage.POST_OPERATION, order = 60)
@PluginStep(messages = Messages.UPDATE, entity = "team", stage = Stage.POST_OPERATION, order = 60)
class RoleRemovalPlugin implements Plugin {

    private final OrganizationIdentity identity;

    RoleRemovalPlugin(OrganizationIdentity identity) {
        this.identity = identity;
    }

    @Override
    public void execute(PluginContext context) {
        if (context.target() == null || !context.target().contains("businessunitid") || context.preImage() == null
                || Objects.equals(context.preImage().get("businessunitid"), context.target().get("businessunitid"))) {
            return;
        }
        boolean user = "systemuser".equals(context.entityName());
        String intersect = user ? "systemuserroles" : "teamroles";
        String key = user ? "systemuserid" : "teamid";
        var sys = context.service().as(identity.systemCaller());
        EntityReference principal = new EntityReference(context.entityName(), context.targetReference().id());
        List<EntityReference> roles = sys.retrieveMultiple(QueryExpression.from("role").columns(ColumnSet.none())
                .link(new LinkEntity(intersect, "roleid", "roleid", null, JoinType.INNER, ColumnSet.none(),
                        Condition.eq(key, principal.id()), null)).build()).entities().stream()
                .map(Entity::toReference).toList();
        if (!roles.isEmpty()) {
            sys.execute(new Messages.DisassociateRequest(principal,
                    user ? "systemuserroles_association" : "teamroles_association", roles));
        }
    }
}
