package io.rapport.sales.internal.transactions;

import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** After a line is created, changed or deleted, recomputes the totals of its document. */
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
        documents.forEach(id -> totals.refresh(context, kind, id));
    }

    private static void add(Set<UUID> documents, Entity image, DocumentKind kind) {
        if (image != null && image.get(kind.parentAttribute) instanceof EntityReference ref) {
            documents.add(ref.id());
        }
    }
}
