package io.rapport.sales.internal.transactions;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.sales.internal.DeferredWork;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * After a line is created, changed or deleted, recomputes the totals of its document: at once, or once at the end of
 * a batch of line changes ({@link DeferredWork}: a copy of a document's lines, CalculatePrice, a bundle's products).
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE}, entity = "quotedetail",
        stage = Stage.POST_OPERATION, order = 10)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE}, entity = "salesorderdetail",
        stage = Stage.POST_OPERATION, order = 10)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE}, entity = "invoicedetail",
        stage = Stage.POST_OPERATION, order = 10)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE}, entity = "opportunityproduct",
        stage = Stage.POST_OPERATION, order = 10)
class DocumentTotalsPlugin implements Plugin {

    private final DocumentTotals totals;

    DocumentTotalsPlugin(DocumentTotals totals) {
        this.totals = totals;
    }

    @Override
    public void execute(PluginContext context) {
        DocumentKind kind = DocumentKind.ofLine(context.entityName()).orElseThrow();
        Set<UUID> documents = new LinkedHashSet<>();
        add(documents, context.preImage(), kind);
        add(documents, context.postImage(), kind);
        if (documents.isEmpty() && context.target() != null) {
            add(documents, context.target(), kind);
        }
        for (UUID id : documents) {
            // the header this line's pre-operation read serves when the totals are written now; a batch's end reads
            // the header again (DeferredWork)
            Entity[] kept = {Documents.takeHeader(context, id)};
            DeferredWork.run(context, DeferredWork.Kind.DOCUMENT, kind.entity + ":" + id, null,
                    tags -> totals.refresh(context, kind, id, kept[0]));
            kept[0] = null;
        }
    }

    private static void add(Set<UUID> documents, Entity image, DocumentKind kind) {
        if (image != null && image.get(kind.parentAttribute) instanceof EntityReference ref) {
            documents.add(ref.id());
        }
    }
}
