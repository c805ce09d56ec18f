package io.rapport.sales.internal.transactions;

import static io.rapport.sales.SalesMessages.COLUMN_SET;
import static io.rapport.sales.SalesMessages.OPPORTUNITY_ID;

import io.rapport.error.RapportException;
import io.rapport.pipeline.AccessDemand;
import io.rapport.pipeline.ActionDefinition;
import io.rapport.pipeline.ActionDefinition.Parameter;
import io.rapport.pipeline.ActionHandler;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Privilege;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.sales.SalesMessages;
import io.rapport.sales.internal.DeferredWork;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Documents started from an opportunity (Generate{Quote,SalesOrder,Invoice}FromOpportunity: filled in through the
 * entity mappings, with the opportunity's products), the opportunity's products added to an existing document
 * (Get{Quote,SalesOrder,Invoice}ProductsFromOpportunity), and CalculatePrice.
 */
@Configuration
class OpportunityActions {

    /** The Web API's parameter of the bound Get…ProductsFromOpportunity actions. */
    private static final String OPPORTUNITY = "Opportunity";

    private final DocumentInitializer initializer;
    private final DocumentCopier copier;
    private final SystemView view;

    OpportunityActions(DocumentInitializer initializer, DocumentCopier copier, SystemView view) {
        this.initializer = initializer;
        this.copier = copier;
        this.view = view;
    }

    @Bean
    ActionHandler generateQuoteFromOpportunity() {
        return generate(SalesMessages.GENERATE_QUOTE_FROM_OPPORTUNITY, DocumentKind.QUOTE);
    }

    @Bean
    ActionHandler generateSalesOrderFromOpportunity() {
        return generate(SalesMessages.GENERATE_SALES_ORDER_FROM_OPPORTUNITY, DocumentKind.SALES_ORDER);
    }

    @Bean
    ActionHandler generateInvoiceFromOpportunity() {
        return generate(SalesMessages.GENERATE_INVOICE_FROM_OPPORTUNITY, DocumentKind.INVOICE);
    }

    @Bean
    ActionHandler getQuoteProductsFromOpportunity() {
        return products(SalesMessages.GET_QUOTE_PRODUCTS_FROM_OPPORTUNITY, DocumentKind.QUOTE, SalesMessages.QUOTE_ID);
    }

    @Bean
    ActionHandler getSalesOrderProductsFromOpportunity() {
        return products(SalesMessages.GET_SALES_ORDER_PRODUCTS_FROM_OPPORTUNITY, DocumentKind.SALES_ORDER,
                SalesMessages.SALES_ORDER_ID);
    }

    @Bean
    ActionHandler getInvoiceProductsFromOpportunity() {
        return products(SalesMessages.GET_INVOICE_PRODUCTS_FROM_OPPORTUNITY, DocumentKind.INVOICE,
                SalesMessages.INVOICE_ID);
    }

    private ActionHandler generate(String name, DocumentKind kind) {
        ActionDefinition d = new ActionDefinition(name, null, false, List.of(Parameter.required(OPPORTUNITY_ID, "Guid"),
                Parameter.optional(COLUMN_SET, "ColumnSet")), List.of(Parameter.entity(
                        ActionDefinition.RETURNED_ENTITY, "Entity", kind.entity, false)));
        return new DocumentAction(d, (r, c) -> DocumentAction.on("opportunity", DocumentAction.id(r, OPPORTUNITY_ID),
                Privilege.READ), (r, c) -> {
                    UUID opportunity = DocumentAction.id(r, OPPORTUNITY_ID);
                    Entity document = initializer.initialize(c, new EntityReference("opportunity", opportunity),
                            kind.entity);
                    UUID created = c.service().create(document);
                    copier.opportunityProducts(c, opportunity, kind, created);
                    return Map.of(ActionDefinition.RETURNED_ENTITY, DocumentCopier.created(c, kind, created));
                });
    }

    /**
     * As the Web API binds it: to the document ({@code POST quotes(<id>)/Microsoft.Dynamics.CRM.
     * GetQuoteProductsFromOpportunity} with the {@code Opportunity}); the organization service's request names both by
     * id ({@code OpportunityId}, {@code QuoteId}), which is accepted as well.
     */
    private ActionHandler products(String name, DocumentKind kind, String documentParameter) {
        ActionDefinition d = new ActionDefinition(name, kind.entity, false, List.of(Parameter.entity(OPPORTUNITY,
                "EntityReference", "opportunity", false)), List.of());
        return new DocumentAction(d, (r, c) -> {
            List<AccessDemand> demands = new ArrayList<>(DocumentAction.on("opportunity", opportunity(r),
                    Privilege.READ));
            demands.addAll(DocumentAction.on(kind.entity, document(r, kind, documentParameter), Privilege.WRITE));
            return demands;
        }, (r, c) -> {
            copier.opportunityProducts(c, opportunity(r), kind, document(r, kind, documentParameter));
            return Map.of();
        });
    }

    private static UUID opportunity(io.rapport.pipeline.ActionRequest r) {
        return r.parameter(OPPORTUNITY) != null ? DocumentAction.reference(r, OPPORTUNITY, "opportunity").id()
                : DocumentAction.id(r, OPPORTUNITY_ID);
    }

    private static UUID document(io.rapport.pipeline.ActionRequest r, DocumentKind kind, String parameter) {
        if (r.target() != null && r.target().id() != null) {
            if (!kind.entity.equals(r.target().logicalName())) {
                throw io.rapport.error.RapportException.invalid("The action is bound to a " + kind.entity + ".");
            }
            return r.target().id();
        }
        return DocumentAction.id(r, parameter);
    }

    @Bean
    ActionHandler calculatePrice() {
        ActionDefinition d = new ActionDefinition(SalesMessages.CALCULATE_PRICE, null, false, List.of(
                Parameter.entity(SalesMessages.TARGET, "EntityReference", null, false),
                Parameter.optional(SalesMessages.PARENT_ID, "Guid")), List.of());
        return new DocumentAction(d, (r, c) -> {
            EntityReference target = target(r);
            return DocumentAction.on(target.logicalName(), target.id(), Privilege.WRITE);
        }, (r, c) -> {
            recalculate(c, target(r));
            return Map.of();
        });
    }

    private static EntityReference target(io.rapport.pipeline.ActionRequest r) {
        List<String> entities = new ArrayList<>();
        for (DocumentKind k : DocumentKind.values()) {
            entities.add(k.entity);
            entities.add(k.lineEntity);
        }
        return DocumentAction.reference(r, SalesMessages.TARGET, entities.toArray(String[]::new));
    }

    /** Prices the line, or every line of the document, again from the price list, then the totals. */
    private void recalculate(PluginContext context, EntityReference target) {
        var line = DocumentKind.ofLine(target.logicalName());
        if (line.isPresent()) {
            Entity stored = context.service().retrieve(target.logicalName(), target.id(),
                    io.rapport.query.ColumnSet.of("quantity"));
            context.service().update(new Entity(target.logicalName(), target.id()).set("quantity",
                    stored.getDecimal("quantity")));
            return;
        }
        DocumentKind kind = DocumentKind.ofEntity(target.logicalName()).orElseThrow();
        Documents.requireEditable(context, kind, Documents.header(context, view, kind, target.id()), true);
        // the totals and the customer's rollups once, after the last line
        DeferredWork.batch(context, () -> {
            List<Entity> lines = new ArrayList<>();
            for (Entity l : view.lines(context, kind, target.id(), io.rapport.query.ColumnSet.of("quantity"))) {
                lines.add(new Entity(kind.lineEntity, l.id()).set("quantity", l.getDecimal("quantity")));
            }
            updateAll(context, lines);
        });
    }

    /**
     * Updates the lines as one UpdateMultiple: each line through the Update stages as before (its pre-image, privilege
     * check, pricing and other plugins, audit entry), the pre-images read in one query and the rows written in one
     * batch. A failure is the line's own error, as a single Update's would be (without the bulk message's index).
     */
    private static void updateAll(PluginContext context, List<Entity> lines) {
        if (lines.isEmpty()) {
            return;
        }
        try {
            context.service().execute(new io.rapport.pipeline.Messages.UpdateMultipleRequest(lines));
        } catch (RapportException e) {
            if (e.details().containsKey(io.rapport.pipeline.Messages.FAULTED_REQUEST_INDEX) && e.getCause() instanceof RapportException line) {
                throw line;
            }
            throw e;
        }
    }

}
