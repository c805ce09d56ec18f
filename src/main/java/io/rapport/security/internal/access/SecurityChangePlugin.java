package io.rapport.security.internal.access;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Marks the security model changed (so every node recomputes users' privileges) when records it is made of
 * change: business units, users, teams, roles, field security, and the memberships between them. Deleted
 * records and principals lose their shares.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE, Messages.ASSIGN, Messages.ASSOCIATE,
        Messages.DISASSOCIATE}, stage = Stage.POST_OPERATION, order = 10_000)
class SecurityChangePlugin implements Plugin {

    private static final Set<String> ENTITIES = Set.of("businessunit", "systemuser", "team", "role",
            "fieldsecurityprofile", "fieldpermission");
    private static final Set<String> RELATIONSHIPS = Set.of("teammembership_association",
            "systemuserroles_association", "teamroles_association", "systemuserprofiles_association",
            "teamprofiles_association");

    private final SecurityVersion version;
    private final SharingRepository sharing;

    SecurityChangePlugin(SecurityVersion version, SharingRepository sharing) {
        this.version = version;
        this.sharing = sharing;
    }

    @Override
    public void execute(PluginContext context) {
        String relationship = context.request() instanceof Messages.AssociateRequest a ? a.relationship()
                : context.request() instanceof Messages.DisassociateRequest d ? d.relationship() : null;
        if (ENTITIES.contains(context.entityName()) && relationship == null
                || relationship != null && RELATIONSHIPS.contains(relationship)) {
            version.bump();
        }
        if (Messages.DELETE.equals(context.messageName()) && context.targetReference() != null) {
            sharing.forget(context.targetReference().id());
        }
    }
}
