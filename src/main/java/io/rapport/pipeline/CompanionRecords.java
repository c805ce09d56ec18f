package io.rapport.pipeline;

import io.rapport.metadata.MetadataSnapshot;
import io.rapport.record.Entity;
import java.util.List;

/**
 * Records a module keeps beside records of other entities (the activity pointer of every activity). On the
 * pipeline's path the module's plugin writes them; a bulk load through the store, which runs no plugins, asks every
 * bean of this SPI instead, so the rule of what the companion holds lives in one place.
 */
public interface CompanionRecords {

    /** The records to create with a new record (given with its attributes); empty when it has none. */
    List<Entity> forCreated(MetadataSnapshot snapshot, Entity created);
}
