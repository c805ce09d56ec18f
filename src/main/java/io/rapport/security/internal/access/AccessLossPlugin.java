package io.rapport.security.internal.access;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.RecordAccessChanges;
import io.rapport.pipeline.Stage;
import io.rapport.query.RecordAccess.AccessRule;
import io.rapport.record.EntityReference;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Change tracking of lost access through the security model: before a user loses a role (their own or an owner
 * team's), leaves a team, moves to another business unit, sees a team of theirs deleted, or holds a role (or a copy
 * of it, directly or through a team) that loses privileges (RemovePrivilegeRole, ReplacePrivilegesRole) or is
 * deleted, keeps the rules by which
 * each affected user read the change-tracked entities; after the change (once {@link SecurityChangePlugin} marked the
 * model changed) hands them to {@link RecordAccessChanges}, which records a loss where the new rules do not cover the
 * old: the user's next delta reports those records as deleted, to that user only. A change made of nested messages (a
 * move that removes the user's roles) is judged once, from the rules before the first to the rules after the first
 * that ends.
 */
@Component
@PluginStep(messages = {Messages.UPDATE, Messages.DISASSOCIATE, Messages.DELETE}, stage = Stage.PRE_OPERATION,
        order = 10_001)
@PluginStep(messages = {Messages.UPDATE, Messages.DISASSOCIATE, Messages.DELETE}, stage = Stage.POST_OPERATION,
        order = 10_001)
@PluginStep(messages = {AccessLossPlugin.REMOVE_PRIVILEGE, AccessLossPlugin.REPLACE_PRIVILEGES}, entity = "role",
        stage = Stage.PRE_OPERATION, order = 10_001)
@PluginStep(messages = {AccessLossPlugin.REMOVE_PRIVILEGE, AccessLossPlugin.REPLACE_PRIVILEGES}, entity = "role",
        stage = Stage.POST_OPERATION, order = 10_001)
class AccessLossPlugin implements Plugin {

    static final String REMOVE_PRIVILEGE = "RemovePrivilegeRole";
    static final String REPLACE_PRIVILEGES = "ReplacePrivilegesRole";

    /** Shared variable: user id to the rules kept before the change (shared with nested messages). */
    static final String KEPT = "rapport.accessLoss.before";

    private final RecordAccessChanges changes;
    private final SecurityModelReader reader;

    AccessLossPlugin(RecordAccessChanges changes, SecurityModelReader reader) {
        this.changes = changes;
        this.reader = reader;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void execute(PluginContext context) {
        Set<UUID> users = affected(context);
        if (users.isEmpty()) {
            return;
        }
        Map<UUID, Map<String, AccessRule>> kept = (Map<UUID, Map<String, AccessRule>>) context.sharedVariables()
                .computeIfAbsent(KEPT, k -> new HashMap<>());
        if (context.stage() == Stage.PRE_OPERATION) {
            for (UUID user : users) {
                kept.computeIfAbsent(user, changes::readRules);
            }
            return;
        }
        for (UUID user : users) {
            Map<String, AccessRule> before = kept.remove(user);
            if (before != null) {
                changes.readRulesChanged(user, before);
            }
        }
    }

    /** The users whose read access the message may narrow (the team's members are read before it is deleted). */
    @SuppressWarnings("unchecked")
    private Set<UUID> affected(PluginContext context) {
        Set<UUID> users = new LinkedHashSet<>();
        String message = context.messageName();
        if (Messages.UPDATE.equals(message)) {
            if ("systemuser".equals(context.entityName()) && context.target() != null
                    && context.target().contains("businessunitid")) {
                users.add(context.target().id());
            }
            if ("team".equals(context.entityName()) && context.target() != null
                    && context.target().contains("businessunitid")) {
                users.addAll(members(context, context.target().id()));
            }
        } else if (Messages.DELETE.equals(message)) {
            if ("team".equals(context.entityName()) && context.targetReference() != null) {
                users.addAll(members(context, context.targetReference().id()));
            }
            if ("role".equals(context.entityName()) && context.targetReference() != null) {
                users.addAll(holders(context, context.targetReference().id()));
            }
        } else if (REMOVE_PRIVILEGE.equals(message) || REPLACE_PRIVILEGES.equals(message)) {
            if (context.targetReference() != null && "role".equals(context.targetReference().logicalName())) {
                users.addAll(holders(context, context.targetReference().id()));
            }
        } else if (context.request() instanceof Messages.DisassociateRequest d) {
            List<EntityReference> ends = new java.util.ArrayList<>(d.relatedEntities());
            ends.add(d.target());
            switch (d.relationship()) {
                case "systemuserroles_association", "teammembership_association" -> ends.stream()
                        .filter(r -> "systemuser".equals(r.logicalName())).forEach(r -> users.add(r.id()));
                case "teamroles_association" -> ends.stream().filter(r -> "team".equals(r.logicalName()))
                        .forEach(r -> users.addAll(members(context, r.id())));
                default -> {
                }
            }
        }
        return users;
    }

    /** The holders of a role and its copies, read once per message (before a delete removes the role). */
    @SuppressWarnings("unchecked")
    private Set<UUID> holders(PluginContext context, UUID role) {
        Map<UUID, Set<UUID>> known = (Map<UUID, Set<UUID>>) context.sharedVariables()
                .computeIfAbsent(KEPT + ".holders", k -> new HashMap<>());
        return known.computeIfAbsent(role, reader::holders);
    }

    /** Team members, read once per message (before a delete removes the memberships). */
    @SuppressWarnings("unchecked")
    private Set<UUID> members(PluginContext context, UUID team) {
        Map<UUID, Set<UUID>> known = (Map<UUID, Set<UUID>>) context.sharedVariables()
                .computeIfAbsent(KEPT + ".members", k -> new HashMap<>());
        return known.computeIfAbsent(team, reader::members);
    }
}
