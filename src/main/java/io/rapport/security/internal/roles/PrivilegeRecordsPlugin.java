package io.rapport.security.internal.roles;

import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.MetadataMessages.CreateEntityRequest;
import io.rapport.pipeline.MetadataMessages.DeleteEntityRequest;
import io.rapport.pipeline.MetadataMessages;
import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Privilege;
import io.rapport.pipeline.Stage;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.EntityReference;
import io.rapport.security.internal.OrganizationIdentity;
import io.rapport.security.internal.access.PrivilegeCatalog;
import io.rapport.security.internal.access.PrivilegeDefinition;
import io.rapport.security.internal.access.RolePrivilegeMirror;
import io.rapport.security.internal.access.RolePrivilegeRepository;
import io.rapport.security.internal.access.SecurityVersion;
import org.springframework.stereotype.Component;
import java.util.UUID;

/**
 * Keeps the privilege records and {@code roleprivileges_association} current within the message that changes them:
 * a new custom entity gets the records of its privileges (and the roles that already hold them, their rows), a
 * deleted one loses them (from every role too); a new role (a copy in a child business unit included) gets the rows
 * of the role it follows.
 */
@Component
@PluginStep(messages = MetadataMessages.CREATE_ENTITY, stage = Stage.POST_OPERATION, order = 50)
@PluginStep(messages = MetadataMessages.DELETE_ENTITY, stage = Stage.POST_OPERATION, order = 50)
@PluginStep(messages = Messages.CREATE, entity = "role", stage = Stage.POST_OPERATION, order = 60)
class PrivilegeRecordsPlugin implements Plugin {

    private final OrganizationIdentity identity;
    private final RolePrivilegeMirror mirror;
    private final RolePrivilegeRepository grants;
    private final SecurityVersion version;

    PrivilegeRecordsPlugin(OrganizationIdentity identity, RolePrivilegeMirror mirror, RolePrivilegeRepository grants,
            SecurityVersion version) {
        this.identity = identity;
        this.mirror = mirror;
        this.grants = grants;
        this.version = version;
    }

    @Override
    public void execute(PluginContext context) {
        if (context.request() instanceof CreateEntityRequest create) {
            PrivilegeRecords.ensure(context.service().as(identity.systemCaller()), create.entity());
            mirror.syncAll();
            return;
        }
        if (context.request() instanceof DeleteEntityRequest delete) {
            // the deleted entity's privileges go from every role and their records from the privilege entity
            EntityMetadata entity = context.snapshot().entity(delete.entityName());
            OrganizationService system = context.service().as(identity.systemCaller());
            for (Privilege p : Privilege.values()) {
                String name = PrivilegeCatalog.name(p, entity);
                grants.deletePrivilege(name);
                UUID id = PrivilegeDefinition.idOf(name);
                if (!system.retrieveMultiple(QueryExpression.from("privilege").columns(ColumnSet.none())
                        .where(Condition.eq("privilegeid", id)).build()).entities().isEmpty()) {
                    system.delete("privilege", id);
                }
            }
            version.bump();
            return;
        }
        EntityReference root = context.postImage().getReference("parentrootroleid");
        mirror.sync(root != null ? root.id() : context.postImage().id());
    }
}
