package io.rapport.service.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.RecordReads;
import io.rapport.pipeline.Stage;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * A case or contract created for a customer (from the account or contact form, or through the Web API) is filled
 * in from that customer through the active {@code attributemap} rows from the customer's entity to the new record's
 * (kept per node by {@link AttributeMapCache}):
 * what the caller left empty takes the customer's value. The customer is read as the caller.
 */
@Component
@PluginStep(messages = Messages.CREATE, entity = "incident", stage = Stage.PRE_OPERATION, order = 30)
@PluginStep(messages = Messages.CREATE, entity = "contract", stage = Stage.PRE_OPERATION, order = 30)
class CustomerMappingPlugin implements Plugin {

    private final AttributeMapCache maps;

    CustomerMappingPlugin(AttributeMapCache maps) {
        this.maps = maps;
    }

    @Override
    public void execute(PluginContext context) {
        if (!(context.target().get("customerid") instanceof EntityReference customer)) {
            return;
        }
        EntityMetadata target = context.snapshot().entity(context.entityName());
        EntityMetadata source = context.snapshot().entity(customer.logicalName());
        List<AttributeMapCache.Mapping> wanted = maps.mappings(context, customer.logicalName(), context.entityName())
                .stream().filter(m -> !context.target().contains(m.target())
                        && source.findAttribute(m.source()).isPresent() && target.findAttribute(m.target()).isPresent())
                .toList();
        if (wanted.isEmpty()) {
            return;
        }
        Entity record = context.service().retrieve(customer.logicalName(), customer.id(),
                ColumnSet.of(wanted.stream().map(AttributeMapCache.Mapping::source).distinct()
                        .toArray(String[]::new)));
        for (AttributeMapCache.Mapping m : wanted) {
            Object value = record.get(m.source());
            AttributeMetadata to = target.attribute(m.target());
            fit(to, value).ifPresent(v -> context.target().set(to.logicalName(), v));
        }
    }

    private static Optional<Object> fit(AttributeMetadata to, Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String text && to.maxLength() != null && text.length() > to.maxLength()) {
            return Optional.of(text.substring(0, to.maxLength()));
        }
        if (value instanceof Integer option && to.optionSet() != null && !to.optionSet().contains(option)) {
            return Optional.empty();
        }
        if (value instanceof EntityReference ref) {
            if (!to.targets().contains(ref.logicalName())) {
                return Optional.empty();
            }
            if (ref.name() != null) {
                // its name came from the target's row, joined in this transaction: the lookup's check need not ask
                RecordReads.found(ref.logicalName(), ref.id());
            }
            return Optional.of(new EntityReference(ref.logicalName(), ref.id()));
        }
        return Optional.of(value);
    }
}
