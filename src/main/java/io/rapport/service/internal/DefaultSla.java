package io.rapport.service.internal;

import io.rapport.cluster.ClusterSignals;
import io.rapport.cluster.SignalledCache;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.Entity;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The active default SLA with its items, or that there is none, kept per node so that a new case without an SLA of
 * its own does not look for it every time (SLAs change when an administrator edits them).
 * <p>
 * Kept in a {@link SignalledCache} as {@link AttributeMapCache} keeps the maps: any write to an SLA or an SLA item
 * empties this node's copy at once and after its commit and tells the other nodes; without cluster signals (H2) every
 * case reads.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE, Messages.UPSERT, Messages.SET_STATE,
        Messages.CREATE_MULTIPLE, Messages.UPDATE_MULTIPLE, Messages.UPSERT_MULTIPLE, Messages.DELETE_MULTIPLE},
        entity = "sla", stage = Stage.POST_OPERATION, order = Integer.MAX_VALUE)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE, Messages.UPSERT, Messages.SET_STATE,
        Messages.CREATE_MULTIPLE, Messages.UPDATE_MULTIPLE, Messages.UPSERT_MULTIPLE, Messages.DELETE_MULTIPLE},
        entity = "slaitem", stage = Stage.POST_OPERATION, order = Integer.MAX_VALUE)
class DefaultSla implements Plugin {

    static final String TOPIC = "default-sla";

    /** An active SLA ({@code businesshoursid}, {@code statecode}) and its items, read as the system; not changed. */
    record Definition(Entity sla, List<Entity> items) {
        Definition {
            items = List.copyOf(items);
        }
    }

    private final SignalledCache<String, Optional<Definition>> kept;

    DefaultSla(ClusterSignals signals) {
        this.kept = new SignalledCache<>(signals, TOPIC);
    }

    /** The active default SLA, kept, or else {@code read}'s answer. */
    Optional<Definition> get(Supplier<Optional<Definition>> read) {
        return kept.get("default", read);
    }

    /** Any write to an SLA or an item: this node forgets now and after the commit, the other nodes after the commit. */
    @Override
    public void execute(PluginContext context) {
        kept.written();
    }
}
