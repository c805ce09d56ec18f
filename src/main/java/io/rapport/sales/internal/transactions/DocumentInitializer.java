package io.rapport.sales.internal.transactions;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.sales.internal.AttributeMapper;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * A new record filled in from an existing one (Dataverse's InitializeFrom): the lookup to the source (the customer
 * for an account or contact, the opportunity for an opportunity) and the values of the active entity mappings
 * ({@code attributemap}, editable data: price list, currency, bill-to and ship-to addresses, terms). When a price list
 * is mapped, the currency is the price list's. Nothing is stored.
 */
@Component
class DocumentInitializer {

    private static final Set<String> DOCUMENTS = Set.of("quote", "salesorder", "invoice", "opportunity");

    private final AttributeMapper mapper;
    private final SystemView view;

    DocumentInitializer(AttributeMapper mapper, SystemView view) {
        this.mapper = mapper;
        this.view = view;
    }

    Entity initialize(PluginContext context, EntityReference source, String targetEntity) {
        if (context.snapshot().findEntity(targetEntity).isEmpty()) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The entity '" + targetEntity + "' does not exist.",
                    "TargetEntityName");
        }
        Entity record = context.service().retrieve(source.logicalName(), source.id(), ColumnSet.all());
        Entity target = mapper.map(context, record, targetEntity);
        EntityReference ref = new EntityReference(source.logicalName(), source.id());
        var meta = context.snapshot().entity(targetEntity);
        if (DOCUMENTS.contains(targetEntity) && (source.logicalName().equals("account")
                || source.logicalName().equals("contact")) && meta.findAttribute("customerid").isPresent()) {
            target.set("customerid", ref);
        }
        if (source.logicalName().equals("opportunity") && meta.findAttribute("opportunityid").isPresent()) {
            target.set("opportunityid", ref);
        }
        if (target.get("pricelevelid") instanceof EntityReference list) {
            view.find(context, "pricelevel", list.id(), "transactioncurrencyid").map(l -> l.getReference(
                    "transactioncurrencyid")).ifPresent(c -> target.set("transactioncurrencyid",
                            new EntityReference("transactioncurrency", c.id())));
        }
        return target;
    }
}
