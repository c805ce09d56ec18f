package io.rapport.marketing.internal;

import io.rapport.marketing.MarketingListMembers;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Copies a list's members onto a static list, page by page, skipping those already there. */
@Component
class ListCopier {

    private final ListMemberWriter writer;
    private final MarketingReads reads;

    ListCopier(ListMemberWriter writer, MarketingReads reads) {
        this.writer = writer;
        this.reads = reads;
    }

    void copy(PluginContext context, Entity source, Entity target) {
        String entity = ListRules.memberEntity(source);
        var system = reads.system(context);
        writer.batch(context, target.id(), () -> {
            MarketingListMembers.forEachPage(context.service(), MarketingListMembers.query(source), ColumnSet.none(), MarketingListMembers.PAGE, page -> {
                        List<UUID> ids = page.stream().map(Entity::id).toList();
                        Set<UUID> already = writer.existing(context, target.id(), ids);
                        for (UUID id : ids) {
                            if (!already.contains(id)) {
                                writer.create(system, target, new EntityReference(entity, id));
                            }
                        }
                    });
            return null;
        });
    }
}
