package io.rapport.webapi.internal.operations;

import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.ActionResponse;
import io.rapport.pipeline.CallerProvider;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Dataverse's WhoAmI function: the caller's user, business unit and organization (the root business unit). Like
 * Dataverse it needs no privilege: the organization is looked up as the system user.
 */
@Component
public class WhoAmIFunction implements ActionHandler {

    private final CallerProvider callers;

    WhoAmIFunction(CallerProvider callers) {
        this.callers = callers;
    }

    @Override
    public ActionDefinition definition() {
        return new ActionDefinition("WhoAmI", null, true, List.of(), List.of(Parameter.required("BusinessUnitId",
                "Guid"), Parameter.required("UserId", "Guid"), Parameter.required("OrganizationId", "Guid")));
    }

    @Override
    public ActionResponse execute(ActionRequest request, PluginContext context) {
        List<Entity> root = context.service().as(callers.system()).retrieveMultiple(QueryExpression.from("businessunit")
                .columns(ColumnSet.none()).where(Condition.of("parentbusinessunitid", ConditionOperator.NULL))
                .top(1).build()).entities();
        Map<String, Object> outputs = new LinkedHashMap<>();
        outputs.put("BusinessUnitId", context.caller().businessUnitId());
        outputs.put("UserId", context.caller().userId());
        outputs.put("OrganizationId", root.isEmpty() ? null : root.get(0).id());
        return new ActionResponse(outputs);
    }
}
