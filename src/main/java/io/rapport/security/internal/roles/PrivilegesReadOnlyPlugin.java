package io.rapport.security.internal.roles;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Channel;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import org.springframework.stereotype.Component;

/**
 * Privilege records are read-only, as in Dataverse: only the system (which makes them from the privilege catalog)
 * writes them. A role's privileges change through AddPrivilegesRole, ReplacePrivilegesRole and RemovePrivilegeRole,
 * never by associating records through {@code roleprivileges_association} (which carries no depth); both are
 * refused with 400 before anything else runs, administrators included.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE}, entity = "privilege",
        stage = Stage.PRE_VALIDATION, order = 0)
@PluginStep(messages = {Messages.ASSOCIATE, Messages.DISASSOCIATE}, stage = Stage.PRE_VALIDATION, order = 0)
class PrivilegesReadOnlyPlugin implements Plugin {

    static final String RELATIONSHIP = "roleprivileges_association";

    @Override
    public void execute(PluginContext context) {
        if (context.request() instanceof Messages.AssociateRequest a && RELATIONSHIP.equals(a.relationship())
                || context.request() instanceof Messages.DisassociateRequest d && RELATIONSHIP.equals(d.relationship())) {
            throw new RapportException(ErrorCode.RECORD_READ_ONLY, "The privileges of a role change through "
                    + "AddPrivilegesRole, ReplacePrivilegesRole and RemovePrivilegeRole, not through "
                    + RELATIONSHIP + ".");
        }
        if ("privilege".equals(context.entityName()) && context.caller().channel() != Channel.SYSTEM) {
            throw new RapportException(ErrorCode.RECORD_READ_ONLY, "The privilege records are read-only.");
        }
    }
}
