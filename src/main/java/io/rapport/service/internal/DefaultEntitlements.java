package io.rapport.service.internal;

import io.rapport.cluster.ClusterSignals;
import io.rapport.cluster.SignalledCache;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Which customers have an active default entitlement at all (whatever its dates), kept per node so that a new case
 * for a customer without one does not look for it (most customers of most organizations have none). The default
 * entitlement itself, with its dates, is still read for a customer that may have one.
 * <p>
 * Kept in a {@link SignalledCache} as {@link AttributeMapCache} keeps the maps: any write to an entitlement empties
 * this node's copy at once and after its commit and tells the other nodes; without cluster signals (H2) every case
 * reads. Past {@link #LIMIT} such customers the set is not kept and every case reads, as before.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE, Messages.UPSERT, Messages.SET_STATE,
        Messages.CREATE_MULTIPLE, Messages.UPDATE_MULTIPLE, Messages.UPSERT_MULTIPLE,
        Messages.DELETE_MULTIPLE}, entity = "entitlement", stage = Stage.POST_OPERATION, order = Integer.MAX_VALUE)
class DefaultEntitlements implements Plugin {

    static final String TOPIC = "default-entitlements";
    static final int LIMIT = 5_000;

    /** The customers with an active default entitlement; {@code complete} false when there were too many to keep. */
    private record Customers(Set<UUID> ids, boolean complete) {
    }

    private final ServiceReads reads;
    private final SignalledCache<String, Customers> kept;

    DefaultEntitlements(ServiceReads reads, ClusterSignals signals) {
        this.reads = reads;
        this.kept = new SignalledCache<>(signals, TOPIC);
    }

    /** Whether the customer may have an active default entitlement: false only when it surely has none. */
    boolean mayHave(PluginContext context, EntityReference customer) {
        Customers c = kept.get("customers", () -> read(context));
        return !c.complete() || c.ids().contains(customer.id());
    }

    private Customers read(PluginContext context) {
        Set<UUID> ids = new HashSet<>();
        for (Entity e : reads.service(context).retrieveMultiple(QueryExpression.from("entitlement").select("customerid")
                .where(Condition.eq("isdefault", true)).where(Condition.eq("statecode", 0)).top(LIMIT + 1).build())
                .entities()) {
            if (e.get("customerid") instanceof EntityReference ref) {
                ids.add(ref.id());
            }
        }
        return ids.size() > LIMIT ? new Customers(Set.of(), false) : new Customers(Set.copyOf(ids), true);
    }

    /** Any write to an entitlement: this node forgets now and after the commit, the other nodes after the commit. */
    @Override
    public void execute(PluginContext context) {
        kept.written();
    }
}
