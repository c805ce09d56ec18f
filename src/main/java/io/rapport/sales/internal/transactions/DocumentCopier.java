package io.rapport.sales.internal.transactions;

import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.sales.internal.DeferredWork;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Creates one document from another (quote → order → invoice, a revision of a quote, an opportunity's products on
 * a document) through the caller's pipeline, so that each record is checked, priced and audited as if entered: the
 * header with customer, price list, addresses, terms, discount and freight; the lines at the prices agreed.
 */
@Component
class DocumentCopier {

    static final List<String> HEADER = List.of("name", "customerid", "opportunityid", "pricelevelid",
            "transactioncurrencyid", "billto_name", "billto_line1", "billto_line2", "billto_city",
            "billto_stateorprovince", "billto_postalcode", "billto_country", "shipto_name", "shipto_line1",
            "shipto_line2", "shipto_city", "shipto_stateorprovince", "shipto_postalcode", "shipto_country",
            "paymenttermscode", "shippingmethodcode", "freighttermscode", "discountpercentage", "discountamount",
            "freightamount", "description");
    static final List<String> LINE = List.of("productid", "uomid", "isproductoverridden", "productdescription",
            "quantity", "manualdiscountamount", "tax", "lineitemnumber", "description");

    private final SystemView view;

    DocumentCopier(SystemView view) {
        this.view = view;
    }

    /** The new document's header from the source's (not yet created). */
    static Entity header(Entity source, DocumentKind to) {
        Entity target = new Entity(to.entity);
        for (String a : HEADER) {
            if (source.get(a) != null) {
                target.set(a, copyValue(source.get(a)));
            }
        }
        return target;
    }

    /**
     * Copies the source's lines onto the created document, at the source's prices: first every line that is not in a
     * bundle, then the bundles' products under their copied bundle (not added again from the catalog).
     */
    void lines(PluginContext context, DocumentKind from, UUID source, DocumentKind to, UUID target) {
        copy(context, view.lines(context, from, source), to, target, (line, copy) -> {
            copy.set("ispriceoverridden", true);
            copy.set("priceperunit", line.getDecimal("priceperunit"));
        }, (line, copy) -> {
            if (from == DocumentKind.QUOTE && to == DocumentKind.SALES_ORDER) {
                copy.set("quotedetailid", new EntityReference("quotedetail", line.id()));
            }
            if (from == DocumentKind.SALES_ORDER && to == DocumentKind.INVOICE) {
                copy.set("salesorderdetailid", new EntityReference("salesorderdetail", line.id()));
            }
        });
    }

    /** Copies the opportunity's products onto the document at the document's price-list prices. */
    void opportunityProducts(PluginContext context, UUID opportunity, DocumentKind to, UUID target) {
        copy(context, view.lines(context, DocumentKind.OPPORTUNITY, opportunity), to, target, (line, copy) -> {
            if (Boolean.TRUE.equals(line.getBoolean("ispriceoverridden"))
                    || Boolean.TRUE.equals(line.getBoolean("isproductoverridden"))) {
                copy.set("ispriceoverridden", line.getBoolean("ispriceoverridden"));
                copy.set("priceperunit", line.getDecimal("priceperunit"));
            }
        }, (line, copy) -> { });
    }

    /**
     * Creates a copy of each line through the caller's pipeline: the lines outside bundles first ({@code price} sets
     * their price), then each bundle's products under the copy of their bundle; {@code link} completes every copy.
     */
    private static void copy(PluginContext context, List<Entity> all, DocumentKind to, UUID target,
            BiConsumer<Entity, Entity> price, BiConsumer<Entity, Entity> link) {
        OrganizationService service = context.service();
        Map<UUID, UUID> copies = new HashMap<>();
        Object copying = context.sharedVariables().put(BundleLinesPlugin.COPYING, Boolean.TRUE);
        // the document's totals and its customer's rollups once, after the last line
        try {
            DeferredWork.batch(context, () -> {
                for (boolean inBundle : new boolean[] {false, true}) {
                    for (Entity line : all) {
                        EntityReference bundle = line.getReference("parentbundleidref");
                        if ((bundle != null) != inBundle || inBundle && !copies.containsKey(bundle.id())) {
                            continue;
                        }
                        Entity copy = new Entity(to.lineEntity).set(to.parentAttribute, new EntityReference(to.entity,
                                target));
                        for (String a : LINE) {
                            if (line.get(a) != null) {
                                copy.set(a, copyValue(line.get(a)));
                            }
                        }
                        if (inBundle) {
                            copy.set("parentbundleidref", new EntityReference(to.lineEntity, copies.get(bundle.id())));
                            copy.set("productassociationid", line.get("productassociationid"));
                        } else {
                            price.accept(line, copy);
                        }
                        link.accept(line, copy);
                        copies.put(line.id(), service.create(copy));
                    }
                }
            });
        } finally {
            if (copying == null) {
                context.sharedVariables().remove(BundleLinesPlugin.COPYING);
            } else {
                context.sharedVariables().put(BundleLinesPlugin.COPYING, copying);
            }
        }
    }

    /** The created document with the columns asked for (all when none). */
    static Entity created(PluginContext context, DocumentKind kind, UUID id) {
        return context.service().retrieve(kind.entity, id, ColumnSet.all());
    }

    private static Object copyValue(Object value) {
        return value instanceof EntityReference r ? new EntityReference(r.logicalName(), r.id()) : value;
    }
}
