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
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The active {@code attributemap} rows from one entity to another, kept per node so that creating a case or a
 * contract for a customer does not read them every time (they change when an administrator edits the mappings).
 * <p>
 * Kept only while the node receives cluster signals (PostgreSQL {@code LISTEN}), in a {@link SignalledCache}: any
 * write to {@code attributemap} empties this node's copy at once and again after its commit, and tells the other
 * nodes, which empty theirs; a transaction that wrote a mapping reads its own uncommitted rows from the database.
 * Without signals (H2, or while the signal connection is down) every call reads the rows.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE, Messages.UPSERT, Messages.SET_STATE,
        Messages.CREATE_MULTIPLE, Messages.UPDATE_MULTIPLE, Messages.UPSERT_MULTIPLE, Messages.DELETE_MULTIPLE},
        entity = "attributemap", stage = Stage.POST_OPERATION, order = Integer.MAX_VALUE)
class AttributeMapCache implements Plugin {

    static final String TOPIC = "attribute-maps";

    /** A mapping of one attribute of the source entity to one of the target. */
    record Mapping(String source, String target) {
    }

    private final ServiceReads reads;
    private final SignalledCache<String, List<Mapping>> maps;

    AttributeMapCache(ServiceReads reads, ClusterSignals signals) {
        this.reads = reads;
        this.maps = new SignalledCache<>(signals, TOPIC);
    }

    /** The active mappings from {@code source} to {@code target}. */
    List<Mapping> mappings(PluginContext context, String source, String target) {
        return maps.get(source + '>' + target, () -> reads.service(context).retrieveMultiple(
                        QueryExpression.from("attributemap").select("sourceattributename", "targetattributename")
                                .where(Condition.eq("sourceentityname", source))
                                .where(Condition.eq("targetentityname", target)).where(Condition.eq("statecode", 0))
                                .build()).entities().stream()
                .map(m -> new Mapping(m.getString("sourceattributename"), m.getString("targetattributename")))
                .toList());
    }

    /** Any write to a mapping: this node forgets now and after the commit, the other nodes after the commit. */
    @Override
    public void execute(PluginContext context) {
        maps.written();
    }
}
