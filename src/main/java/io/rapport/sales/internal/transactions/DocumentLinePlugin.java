package io.rapport.sales.internal.transactions;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.Messages;
import io.rapport.pipeline.Plugin;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.PluginStep;
import io.rapport.pipeline.Stage;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.sales.internal.SystemSubjects;
import java.util.Objects;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Prices a line of a quote, order, invoice or opportunity as it is created or changed (before it is stored), and
 * refuses lines of a document that may no longer change (won, closed, locked) and the removal of a bundle's required
 * product without its bundle. The document's totals follow in
 * {@link DocumentTotalsPlugin}.
 */
@Component
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE}, entity = "quotedetail",
        stage = Stage.PRE_OPERATION, order = 10)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE}, entity = "salesorderdetail",
        stage = Stage.PRE_OPERATION, order = 10)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE}, entity = "invoicedetail",
        stage = Stage.PRE_OPERATION, order = 10)
@PluginStep(messages = {Messages.CREATE, Messages.UPDATE, Messages.DELETE}, entity = "opportunityproduct",
        stage = Stage.PRE_OPERATION, order = 10)
class DocumentLinePlugin implements Plugin {

    /** Lines and documents being deleted in this request: their required bundle products go with them. */
    private static final String DELETING = "sales.deleting.";

    private final SystemView view;
    private final LinePricing pricing;
    private final SystemSubjects texts;

    DocumentLinePlugin(SystemView view, LinePricing pricing, SystemSubjects texts) {
        this.view = view;
        this.pricing = pricing;
        this.texts = texts;
    }

    @Override
    public void execute(PluginContext context) {
        DocumentKind kind = DocumentKind.ofLine(context.entityName()).orElseThrow();
        Entity pre = context.preImage();
        if (Messages.DELETE.equals(context.messageName())) {
            if (pre != null) {
                requiredInBundle(context, kind, pre);
                context.sharedVariables().put(DELETING + pre.id(), Boolean.TRUE);
            }
            // a line deleted with its document (cascade) finds the document gone or still editable
            if (pre != null && pre.getReference(kind.parentAttribute) != null) {
                view.find(context, kind.entity, pre.getReference(kind.parentAttribute).id(), kind.lockable
                        ? Documents.LOCKABLE_HEADER : new String[] {"name", "statecode"})
                        .ifPresent(header -> Documents.requireEditable(context, kind, header, true));
            }
            return;
        }
        Entity target = context.target();
        Entity line = pre == null ? new Entity(kind.lineEntity) : pre.copy();
        target.attributes().forEach(line::set);
        EntityReference parent = line.getReference(kind.parentAttribute);
        if (parent == null) {
            throw new RapportException(ErrorCode.REQUIRED_ATTRIBUTE_MISSING, "The line needs its " + kind.entity
                    + " (" + kind.parentAttribute + ").", kind.parentAttribute);
        }
        if (pre != null && target.contains(kind.parentAttribute) && !Objects.equals(parent,
                pre.getReference(kind.parentAttribute))) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "A line cannot move to another " + kind.entity
                    + ".", kind.parentAttribute);
        }
        Entity header = Documents.header(context, view, kind, parent.id());
        Documents.requireEditable(context, kind, header, true);
        boolean productChanged = pre == null || (target.contains("productid")
                && !Objects.equals(target.getReference("productid"), pre.getReference("productid")));
        pricing.price(context, kind, header, line, productChanged).forEach(target::set);
        Documents.keepHeader(context, parent.id(), header);
    }

    /**
     * A required product of a bundle leaves a document only with its bundle (or the document): Dynamics 365 lets
     * optional products of a bundle be removed, required ones not.
     */
    private void requiredInBundle(PluginContext context, DocumentKind kind, Entity pre) {
        EntityReference bundle = pre.getReference("parentbundleidref");
        EntityReference document = pre.getReference(kind.parentAttribute);
        if (!Integer.valueOf(LinePricing.REQUIRED_IN_BUNDLE).equals(pre.getInteger("producttypecode"))
                || bundle == null || context.sharedVariables().containsKey(DELETING + bundle.id())
                || document != null && context.sharedVariables().containsKey(DELETING + document.id())) {
            return;
        }
        String kindName = context.snapshot().entity(kind.entity).displayName().get(context.caller().locale());
        throw new RapportException(ErrorCode.BUSINESS_RULE, texts.text(context, "sales.rule.requiredBundleProduct",
                pre.getString("productname"), kindName.toLowerCase(context.caller().locale())), "producttypecode");
    }

    /** A document being deleted (its lines go with it). */
    static void deleting(PluginContext context, UUID document) {
        context.sharedVariables().put(DELETING + document, Boolean.TRUE);
    }
}
