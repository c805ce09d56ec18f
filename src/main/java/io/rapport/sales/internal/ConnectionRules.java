package io.rapport.sales.internal;

import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.Filter;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** The matching roles of a connection role (the N:N of roles with themselves, read in both directions). */
@Component
class ConnectionRules {

    static final String SYNC = "sales.connectionSync";
    static final String ROLE_ASSOCIATION = "connectionroleassociation";

    private final SystemReads reads;

    ConnectionRules(SystemReads reads) {
        this.reads = reads;
    }

    Set<UUID> matchingRoles(PluginContext context, UUID role) {
        var rows = reads.service(context).retrieveMultiple(QueryExpression.from(ROLE_ASSOCIATION)
                .columns(ColumnSet.of("connectionroleid", "associatedconnectionroleid"))
                .where(Filter.or(Condition.eq("connectionroleid", role), Condition.eq("associatedconnectionroleid", role)))
                .build()).entities();
        Set<UUID> result = new LinkedHashSet<>();
        for (Entity row : rows) {
            UUID one = uuid(row.get("connectionroleid"));
            UUID two = uuid(row.get("associatedconnectionroleid"));
            result.add(role.equals(one) ? two : one);
        }
        return result;
    }

    /** The display name of a connected record. */
    String nameOf(PluginContext context, EntityReference record) {
        var entity = context.snapshot().entity(record.logicalName());
        return reads.find(context, record.logicalName(), record.id(), entity.primaryNameAttribute())
                .map(e -> e.getString(entity.primaryNameAttribute())).orElse(null);
    }

    static boolean syncing(PluginContext context) {
        return Boolean.TRUE.equals(context.sharedVariables().get(SYNC));
    }

    private static UUID uuid(Object value) {
        return value instanceof EntityReference ref ? ref.id() : (UUID) value;
    }
}
