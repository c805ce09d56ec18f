package io.rapport.sales.internal;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import org.springframework.stereotype.Component;

/**
 * Carries values from a source record to a new record of another entity through the active
 * {@code attributemap} rows (editable data). Values that do not fit the target (a text too long, an option the
 * target lacks) are shortened or left out rather than failing the whole operation.
 */
@Component
public class AttributeMapper {

    private final SystemReads reads;

    AttributeMapper(SystemReads reads) {
        this.reads = reads;
    }

    public Entity map(PluginContext context, Entity source, String targetEntity) {
        EntityMetadata s = context.snapshot().entity(source.logicalName());
        EntityMetadata t = context.snapshot().entity(targetEntity);
        Entity target = new Entity(targetEntity);
        var maps = reads.service(context).retrieveMultiple(QueryExpression.from("attributemap")
                .select("sourceattributename", "targetattributename")
                .where(Condition.eq("sourceentityname", source.logicalName()))
                .where(Condition.eq("targetentityname", targetEntity)).where(Condition.eq("statecode", 0)).build());
        for (Entity m : maps.entities()) {
            var from = s.findAttribute(m.getString("sourceattributename"));
            var to = t.findAttribute(m.getString("targetattributename"));
            if (from.isEmpty() || to.isEmpty() || source.get(from.get().logicalName()) == null) {
                continue;
            }
            Object value = fit(to.get(), source.get(from.get().logicalName()));
            if (value != null) {
                target.set(to.get().logicalName(), value);
            }
        }
        return target;
    }

    private static Object fit(AttributeMetadata to, Object value) {
        if (value instanceof String text && to.maxLength() != null && text.length() > to.maxLength()) {
            return text.substring(0, to.maxLength());
        }
        if (value instanceof Integer option && to.optionSet() != null && !to.optionSet().contains(option)) {
            return null;
        }
        if (value instanceof EntityReference ref && !to.targets().contains(ref.logicalName())) {
            return null;
        }
        return value instanceof EntityReference ref ? new EntityReference(ref.logicalName(), ref.id()) : value;
    }
}
