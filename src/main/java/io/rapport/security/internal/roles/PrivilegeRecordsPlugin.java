package io.rapport.security.internal.roles;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.MetadataMessages;
import io.rapport.pipeline.MetadataMessages.CreateEntityRequest;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.EntityReference;
import io.rapport.security.internal.OrganizationIdentity;
import io.rapport.security.internal.access.RolePrivilegeMirror;
import org.springframework.stereotype.Component;

/**
 * Keeps the privilege records and {@code roleprivileges_association} current within the message that changes them:
 * a new custom entity gets the records of its privileges (and the roles that already hold them, their rows); a new
 * role (a copy in a child business unit included) gets the rows of the role it follows.
 */
@Component
@PluginStep(messages = MetadataMessages.CREATE_ENTITY, stage = Stage.POST_OPERATION, order = 50)
@PluginStep(messages = Messages.CREATE, entity = "role", stage = Stage.POST_OPERATION, order = 60)
class PrivilegeRecordsPlugin implements Plugin {

    private final OrganizationIdentity identity;
    private final RolePrivilegeMirror mirror;

    PrivilegeRecordsPlugin(OrganizationIdentity identity, RolePrivilegeMirror mirror) {
        this.identity = identity;
        this.mirror = mirror;
    }

    @Override
    public void execute(PluginContext context) {
        if (context.request() instanceof CreateEntityRequest create) {
            PrivilegeRecords.ensure(context.service().as(identity.systemCaller()), create.entity());
            mirror.syncAll();
            return;
        }
        EntityReference root = context.postImage().getReference("parentrootroleid");
        mirror.sync(root != null ? root.id() : context.postImage().id());
    }
}
