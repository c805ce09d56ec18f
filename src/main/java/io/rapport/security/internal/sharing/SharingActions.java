package io.rapport.security.internal.sharing;

import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.security.internal.OrganizationIdentity;
import io.rapport.security.internal.access.AccessEvaluator;
import io.rapport.security.internal.access.AccessRight;
import io.rapport.security.internal.access.SharingRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Dataverse's sharing messages: GrantAccess and ModifyAccess (Target, PrincipalAccess), RevokeAccess (Target,
 * Revokee), RetrievePrincipalAccess (bound to a user or team: Target) and RetrieveSharedPrincipalsAndAccess
 * (Target).
 */
@Configuration
class SharingActions {

    private final SharingService sharing;
    private final SharingRepository repository;
    private final AccessEvaluator evaluator;
    private final OrganizationIdentity identity;

    SharingActions(SharingService sharing, SharingRepository repository, AccessEvaluator evaluator,
            OrganizationIdentity identity) {
        this.sharing = sharing;
        this.repository = repository;
        this.evaluator = evaluator;
        this.identity = identity;
    }

    private static final Parameter TARGET = Parameter.entity("Target", "EntityReference", null, false);

    @Bean
    ActionHandler grantAccess() {
        return ActionHandler.of(new ActionDefinition("GrantAccess", null, false,
                List.of(TARGET, Parameter.required("PrincipalAccess", "PrincipalAccess")), List.of()), (r, ctx) -> {
            var pa = SharingParameters.principalAccess(r.parameter("PrincipalAccess"));
            sharing.share(ctx, "GrantAccess", SharingParameters.reference(r.parameter("Target"), "Target"),
                    pa.principal(), pa.accessMask(), old -> old | pa.accessMask());
            return Map.of();
        });
    }

    @Bean
    ActionHandler modifyAccess() {
        return ActionHandler.of(new ActionDefinition("ModifyAccess", null, false,
                List.of(TARGET, Parameter.required("PrincipalAccess", "PrincipalAccess")), List.of()), (r, ctx) -> {
            var pa = SharingParameters.principalAccess(r.parameter("PrincipalAccess"));
            sharing.share(ctx, "ModifyAccess", SharingParameters.reference(r.parameter("Target"), "Target"),
                    pa.principal(), pa.accessMask(), old -> pa.accessMask());
            return Map.of();
        });
    }

    @Bean
    ActionHandler revokeAccess() {
        return ActionHandler.of(new ActionDefinition("RevokeAccess", null, false,
                List.of(TARGET, Parameter.entity("Revokee", "EntityReference", null, false)), List.of()), (r, ctx) -> {
            sharing.share(ctx, "RevokeAccess", SharingParameters.reference(r.parameter("Target"), "Target"),
                    SharingParameters.principal(r.parameter("Revokee"), "Revokee"), 0, old -> 0);
            return Map.of();
        });
    }

    @Bean
    ActionHandler retrievePrincipalAccess() {
        return ActionHandler.of(new ActionDefinition("RetrievePrincipalAccess", "systemuser", true,
                List.of(TARGET, Parameter.entity("Principal", "EntityReference", null, true)),
                List.of(Parameter.required("AccessRights", "String"))), (r, ctx) -> {
            EntityReference principal = r.target() != null ? r.target()
                    : SharingParameters.principal(r.parameter("Principal"), "Principal");
            Entity record = readable(ctx, SharingParameters.reference(r.parameter("Target"), "Target"));
            EntityMetadata e = ctx.snapshot().entity(record.logicalName());
            int rights;
            boolean systemUser = identity.get() != null && principal.id().equals(identity.get().systemUserId());
            if (principal.logicalName().equals("systemuser") && !systemUser) {
                rights = evaluator.rightsOn(evaluator.security(principal.id()), e, record);
            } else if (systemUser) {
                rights = AccessRight.SHAREABLE;
            } else {
                EntityReference owner = record.getReference("ownerid");
                rights = owner != null && owner.id().equals(principal.id()) ? AccessRight.SHAREABLE
                        : repository.rights(record.id(), List.of(principal.id()));
            }
            return Map.of("AccessRights", AccessRight.format(rights));
        });
    }

    @Bean
    ActionHandler retrieveSharedPrincipalsAndAccess() {
        return ActionHandler.of(new ActionDefinition("RetrieveSharedPrincipalsAndAccess", null, true, List.of(TARGET),
                List.of(Parameter.required("PrincipalAccesses", "Collection(Microsoft.Dynamics.CRM.PrincipalAccess)"))),
                (r, ctx) -> {
                    Entity record = readable(ctx, SharingParameters.reference(r.parameter("Target"), "Target"));
                    List<Map<String, Object>> out = new ArrayList<>();
                    repository.sharesOf(record.id()).forEach((principal, mask) -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("Principal", principal);
                        m.put("AccessMask", AccessRight.format(mask));
                        out.add(m);
                    });
                    return Map.of("PrincipalAccesses", out);
                });
    }

    /** The record with its owner or business unit, after checking that the caller may read it. */
    private static Entity readable(PluginContext ctx, EntityReference target) {
        EntityMetadata e = ctx.snapshot().entity(target.logicalName());
        ColumnSet columns = e.isUserOwned() ? ColumnSet.of("ownerid", "owningbusinessunit")
                : e.hasAttribute("businessunitid") ? ColumnSet.of("businessunitid") : ColumnSet.none();
        return ctx.service().retrieve(e.logicalName(), target.id(), columns);
    }
}
