package io.rapport.sales.internal;

import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.record.EntityReference;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Dataverse's CalculateRollupField for the account rollups: recomputes them now and returns the account with
 * the field. Rollups normally follow every change by themselves; this repairs records written around the
 * pipeline (bulk loads).
 */
@Component
class CalculateRollupFieldAction implements ActionHandler {

    static final String TARGET = "Target";
    static final String FIELD_NAME = "FieldName";
    static final String ENTITY = "Entity";
    private static final Set<String> FIELDS = Set.of(AccountRollups.CONTACTS, AccountRollups.OPEN_DEALS,
            AccountRollups.OPEN_REVENUE, AccountRollups.WON_REVENUE);

    private static final ActionDefinition DEFINITION = new ActionDefinition("CalculateRollupField", null, true,
            List.of(Parameter.entity(TARGET, "EntityReference", null, false), Parameter.required(FIELD_NAME, "String")),
            List.of(Parameter.entity(ENTITY, "Entity", null, false)));

    private final AccountRollups rollups;

    CalculateRollupFieldAction(AccountRollups rollups) {
        this.rollups = rollups;
    }

    @Override
    public ActionDefinition definition() {
        return DEFINITION;
    }

    /** Reading the account is enough: the rollup is recomputed by the system, as Dataverse's rollup job does. */
    @Override
    public java.util.List<io.rapport.pipeline.AccessDemand> privileges(ActionRequest request, PluginContext context) {
        return request.parameter(TARGET) instanceof EntityReference target && target.id() != null
                ? java.util.List.of(io.rapport.pipeline.AccessDemand.reference(target,
                        io.rapport.pipeline.Privilege.READ))
                : java.util.List.of();
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        if (!(request.parameter(TARGET) instanceof EntityReference target) || !(request.parameter(FIELD_NAME)
                instanceof String field)) {
            throw RapportException.invalid("CalculateRollupField needs Target and FieldName.");
        }
        if (!"account".equals(target.logicalName()) || !FIELDS.contains(field)) {
            throw RapportException.invalid("'" + target.logicalName() + "." + field + "' is not a rollup field; "
                    + "the rollups are account." + String.join(", account.", FIELDS.stream().sorted().toList()) + ".");
        }
        var account = context.service().retrieve("account", target.id(), ColumnSet.of(field));
        rollups.refresh(context, account.id());
        return new ActionResponse(Map.of(ENTITY, context.service().retrieve("account", target.id(),
                ColumnSet.of(field))));
    }
}
