package io.rapport.service.internal;

import io.rapport.cluster.ClusterSignals;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The active {@code attributemap} rows from one entity to another, kept per node so that creating a case or a
 * contract for a customer does not read them every time (they change when an administrator edits the mappings).
 * <p>
 * Kept only while the node receives cluster signals (PostgreSQL {@code LISTEN}): any write to {@code attributemap}
 * empties this node's copy at once and again after its commit, and tells the other nodes, which empty theirs. A read
 * that started before a change never stores its result after it (a generation counter), and a transaction that wrote
 * a mapping reads its own uncommitted rows from the database, never from or into the cache. Without signals (H2, or
 * while the signal connection is down) every call reads the rows.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE, Messages.UPSERT, Messages.SET_STATE,
        Messages.CREATE_MULTIPLE, Messages.UPDATE_MULTIPLE, Messages.UPSERT_MULTIPLE, Messages.DELETE_MULTIPLE},
        entity = "attributemap", stage = Stage.POST_OPERATION, order = Integer.MAX_VALUE)
class AttributeMapCache implements Plugin {

    static final String TOPIC = "attribute-maps";
    private static final Object WRITTEN_IN_THIS_TRANSACTION = new Object();

    /** A mapping of one attribute of the source entity to one of the target. */
    record Mapping(String source, String target) {
    }

    private final ServiceReads reads;
    private final ClusterSignals signals;
    private final Map<String, List<Mapping>> maps = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    AttributeMapCache(ServiceReads reads, ClusterSignals signals) {
        this.reads = reads;
        this.signals = signals;
        signals.subscribe(TOPIC, this::clear);
    }

    /** The active mappings from {@code source} to {@code target}. */
    List<Mapping> mappings(PluginContext context, String source, String target) {
        boolean cacheable = signals.listening()
                && !TransactionSynchronizationManager.hasResource(WRITTEN_IN_THIS_TRANSACTION);
        String key = source + '>' + target;
        if (cacheable) {
            List<Mapping> cached = maps.get(key);
            if (cached != null) {
                return cached;
            }
        }
        long before = generation.get();
        List<Mapping> read = reads.service(context).retrieveMultiple(QueryExpression.from("attributemap")
                .select("sourceattributename", "targetattributename")
                .where(Condition.eq("sourceentityname", source))
                .where(Condition.eq("targetentityname", target)).where(Condition.eq("statecode", 0))
                .build()).entities().stream()
                .map(m -> new Mapping(m.getString("sourceattributename"), m.getString("targetattributename")))
                .toList();
        if (cacheable && generation.get() == before) {
            maps.put(key, read);
            if (generation.get() != before) {
                // a change landed while storing: what was stored may predate it
                maps.remove(key, read);
            }
        }
        return read;
    }

    /** Any write to a mapping: this node forgets now and after the commit, the other nodes after the commit. */
    @Override
    public void execute(PluginContext context) {
        clear();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            if (!TransactionSynchronizationManager.hasResource(WRITTEN_IN_THIS_TRANSACTION)) {
                TransactionSynchronizationManager.bindResource(WRITTEN_IN_THIS_TRANSACTION, Boolean.TRUE);
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCompletion(int status) {
                        TransactionSynchronizationManager.unbindResourceIfPossible(WRITTEN_IN_THIS_TRANSACTION);
                        clear();
                    }
                });
            }
        }
        signals.publish(TOPIC);
    }

    private void clear() {
        generation.incrementAndGet();
        maps.clear();
    }
}
