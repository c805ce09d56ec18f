package io.rapport.security.internal.roles;

import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityCollection;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Dataverse's RetrievePrivilegeSet function: every privilege record, as {@code Collection(mscrm.privilege)}
 * ({@code privileges/Microsoft.Dynamics.CRM.RetrievePrivilegeSet()}, or unbound). Read as the caller, so it needs
 * read access to privileges (every built-in role has it).
 */
@Component
class RetrievePrivilegeSetFunction implements ActionHandler {

    static final String NAME = "RetrievePrivilegeSet";
    static final String OUTPUT = "EntityCollection";

    private static final ActionDefinition DEFINITION = new ActionDefinition(NAME, null, true, List.of(),
            List.of(Parameter.entity(OUTPUT, "EntityCollection", "privilege", false)));

    @Override
    public ActionDefinition definition() {
        return DEFINITION;
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        List<Entity> all = context.service().retrieveMultiple(QueryExpression.from("privilege")
                .columns(ColumnSet.of("name", "accessright", "canbebasic", "canbelocal", "canbedeep", "canbeglobal",
                        "canbeentityreference", "canbeparententityreference"))
                .orderBy(Order.asc("name")).build()).entities();
        return new ActionResponse(Map.of(OUTPUT, new EntityCollection("privilege", all, false, all.size(), null)));
    }
}
