package io.rapport.pipeline;

import io.rapport.metadata.MetadataSnapshot;
import io.rapport.record.Entity;
import java.util.List;

/**
 * Records a module keeps beside records of other entities (the activity pointer of every activity). On the
 * pipeline's path of a single Create the module's plugin writes them; CreateMultiple and a bulk load through the
 * store ask every bean of this SPI instead and write them in batch, so the rule of what the companion holds lives in
 * one place.
 */
public interface CompanionRecords {

    /**
     * The shared variable in which CreateMultiple names the records (a {@code Set<UUID>} of ids) whose companions it
     * has already written in batch, while their post-operation steps run: the module's plugin skips those.
     */
    String WRITTEN = "pipeline.companionsWritten";

    /** Whether the batch this record was created in has written its companions already. */
    static boolean writtenInBatch(io.rapport.pipeline.PluginContext context) {
        return context.targetReference() != null && context.sharedVariables().get(WRITTEN) instanceof
                java.util.Set<?> ids && ids.contains(context.targetReference().id());
    }

    /** The records to create with a new record (given with its attributes); empty when it has none. */
    List<Entity> forCreated(MetadataSnapshot snapshot, Entity created);
}
