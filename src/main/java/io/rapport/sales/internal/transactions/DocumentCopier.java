package io.rapport.sales.internal.transactions;

import io.rapport.pipeline.OrganizationService;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.util.List;
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

    /** Copies the source's lines onto the created document, at the source's prices. */
    void lines(PluginContext context, DocumentKind from, UUID source, DocumentKind to, UUID target) {
        OrganizationService service = context.service();
        for (Entity line : view.lines(context, from, source)) {
            Entity copy = new Entity(to.lineEntity).set(to.parentAttribute, new EntityReference(to.entity, target));
            for (String a : LINE) {
                if (line.get(a) != null) {
                    copy.set(a, copyValue(line.get(a)));
                }
            }
            copy.set("ispriceoverridden", true);
            copy.set("priceperunit", line.getDecimal("priceperunit"));
            if (from == DocumentKind.QUOTE && to == DocumentKind.SALES_ORDER) {
                copy.set("quotedetailid", new EntityReference("quotedetail", line.id()));
            }
            if (from == DocumentKind.SALES_ORDER && to == DocumentKind.INVOICE) {
                copy.set("salesorderdetailid", new EntityReference("salesorderdetail", line.id()));
            }
            service.create(copy);
        }
    }

    /** Copies the opportunity's products onto the document at the document's price-list prices. */
    void opportunityProducts(PluginContext context, UUID opportunity, DocumentKind to, UUID target) {
        OrganizationService service = context.service();
        for (Entity line : view.lines(context, DocumentKind.OPPORTUNITY, opportunity)) {
            Entity copy = new Entity(to.lineEntity).set(to.parentAttribute, new EntityReference(to.entity, target));
            for (String a : LINE) {
                if (line.get(a) != null) {
                    copy.set(a, copyValue(line.get(a)));
                }
            }
            if (Boolean.TRUE.equals(line.getBoolean("ispriceoverridden"))
                    || Boolean.TRUE.equals(line.getBoolean("isproductoverridden"))) {
                copy.set("ispriceoverridden", line.getBoolean("ispriceoverridden"));
                copy.set("priceperunit", line.getDecimal("priceperunit"));
            }
            service.create(copy);
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
