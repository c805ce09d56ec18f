package io.rapport.sales.internal.transactions;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.math.BigDecimal;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * A unit group is created with its base unit (named by {@code baseuomname}, quantity 1 of itself), as in Dataverse;
 * every other unit is a quantity of a unit of the same group.
 */
@Component
@PluginStep(messages = Messages.CREATE, entity = "uomschedule", stage = Stage.POST_OPERATION, order = 10)
@PluginStep(messages = Messages.CREATE, entity = "uom", stage = Stage.PRE_OPERATION, order = 10)
class UnitGroupPlugin implements Plugin {

    static final String BASE_UNIT = "sales.baseUnit";

    private final SystemView view;

    UnitGroupPlugin(SystemView view) {
        this.view = view;
    }

    @Override
    public void execute(PluginContext context) {
        Entity target = context.target();
        if ("uomschedule".equals(context.entityName())) {
            UUID group = context.targetReference() != null ? context.targetReference().id() : target.id();
            context.sharedVariables().put(BASE_UNIT, Boolean.TRUE);
            try {
                context.service().create(new Entity("uom").set("name", target.getString("baseuomname"))
                        .set("uomscheduleid", new EntityReference("uomschedule", group))
                        .set("quantity", BigDecimal.ONE));
            } finally {
                context.sharedVariables().remove(BASE_UNIT);
            }
            return;
        }
        if (Boolean.TRUE.equals(context.sharedVariables().get(BASE_UNIT))) {
            target.set("isschedulebaseuom", true);
            return;
        }
        target.set("isschedulebaseuom", false);
        EntityReference base = target.getReference("baseuom");
        EntityReference group = target.getReference("uomscheduleid");
        if (base == null) {
            throw new RapportException(ErrorCode.REQUIRED_ATTRIBUTE_MISSING, "A unit needs the unit it is a quantity "
                    + "of (baseuom).", "baseuom");
        }
        Entity baseUnit = view.find(context, "uom", base.id(), "uomscheduleid")
                .orElseThrow(() -> RapportException.notFound("uom", base.id()));
        if (group == null || !group.id().equals(baseUnit.getReference("uomscheduleid").id())) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "A unit is a quantity of a unit of its own unit "
                    + "group.", "baseuom");
        }
    }
}
