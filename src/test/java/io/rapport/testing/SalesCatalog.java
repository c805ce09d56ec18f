package io.rapport.testing;

import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.pipeline.OrganizationService;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import java.math.BigDecimal;
import java.util.Map;
import java.util.UUID;

/**
 * A small product catalog made through the pipeline (by a catalog keeper such as the administrator), unique to one
 * run: a unit group "Units" (Each, Box of 10) and another (Hours), a volume discount list (5-9: 2%, 10-99: 4%),
 * laptops at 1,250.00 each with that discount, docking stations at 25% over their current cost of 80.00 rounded up
 * to end in .99 (100.99), a retired modem, all on a price list in the base currency; and a price list in another
 * currency.
 */
public final class SalesCatalog {

    public final String run;
    public final UUID currency;
    public final UUID otherCurrency;
    public final UUID priceList;
    public final UUID otherPriceList;
    public final UUID units;
    public final UUID each;
    public final UUID box;
    public final UUID hour;
    public final UUID volumeDiscounts;
    public final UUID laptop;
    public final UUID dock;
    public final UUID modem;

    public SalesCatalog(OrganizationService org) {
        run = UUID.randomUUID().toString().substring(0, 8);
        currency = org.retrieveMultiple(QueryExpression.from("transactioncurrency").columns(ColumnSet.none())
                .where(Condition.eq("exchangerate", BigDecimal.ONE)).top(1).build()).entities().get(0).id();
        otherCurrency = org.create(new Entity("transactioncurrency").set("currencyname", "Test money " + run)
                .set("isocurrencycode", "T" + run.substring(0, 4)).set("currencysymbol", "T")
                .set("exchangerate", new BigDecimal("0.8")).set("currencyprecision", 2));
        units = org.create(new Entity("uomschedule").set("name", "Units " + run).set("baseuomname", "Each"));
        each = baseUnit(org, units);
        box = org.create(new Entity("uom").set("name", "Box of 10").set("uomscheduleid", ref("uomschedule", units))
                .set("baseuom", ref("uom", each)).set("quantity", BigDecimal.TEN));
        UUID hours = org.create(new Entity("uomschedule").set("name", "Hours " + run).set("baseuomname", "Hour"));
        hour = baseUnit(org, hours);
        volumeDiscounts = org.create(new Entity("discounttype").set("name", "Volume " + run)
                .set("isamounttype", false).set("transactioncurrencyid", ref("transactioncurrency", currency)));
        discount(org, "5", "9", "2");
        discount(org, "10", "99", "4");
        laptop = product(org, "Laptop " + run, "LAP-" + run, "1300", "950", "900");
        dock = product(org, "Docking station " + run, "DOCK-" + run, "120", "80", "70");
        modem = product(org, "Modem " + run, "MOD-" + run, "50", "30", "30");
        priceList = org.create(new Entity("pricelevel").set("name", "Standard " + run)
                .set("transactioncurrencyid", ref("transactioncurrency", currency)));
        otherPriceList = org.create(new Entity("pricelevel").set("name", "Other currency " + run)
                .set("transactioncurrencyid", ref("transactioncurrency", otherCurrency)));
        org.create(new Entity("productpricelevel").set("pricelevelid", ref("pricelevel", priceList))
                .set("productid", ref("product", laptop)).set("uomid", ref("uom", each)).set("pricingmethodcode", 1)
                .set("amount", new BigDecimal("1250.00")).set("discounttypeid", ref("discounttype", volumeDiscounts)));
        org.create(new Entity("productpricelevel").set("pricelevelid", ref("pricelevel", priceList))
                .set("productid", ref("product", dock)).set("uomid", ref("uom", each)).set("pricingmethodcode", 3)
                .set("percentage", new BigDecimal("25")).set("roundingpolicycode", 2).set("roundingoptioncode", 1)
                .set("roundingoptionamount", new BigDecimal("0.99")));
        org.create(new Entity("productpricelevel").set("pricelevelid", ref("pricelevel", priceList))
                .set("productid", ref("product", modem)).set("uomid", ref("uom", each)).set("pricingmethodcode", 1)
                .set("amount", new BigDecimal("45.00")));
        for (UUID p : new UUID[] {laptop, dock, modem}) {
            org.execute(new ActionRequest("PublishProductHierarchy", ref("product", p), Map.of()));
        }
        org.execute(new SetStateRequest(ref("product", modem), 1, 2));
    }

    public static EntityReference ref(String entity, UUID id) {
        return new EntityReference(entity, id);
    }

    private static UUID baseUnit(OrganizationService org, UUID group) {
        return org.retrieveMultiple(QueryExpression.from("uom").columns(ColumnSet.none())
                .where(Condition.eq("uomscheduleid", group)).where(Condition.eq("isschedulebaseuom", true)).build())
                .entities().get(0).id();
    }

    private void discount(OrganizationService org, String low, String high, String percentage) {
        org.create(new Entity("discount").set("discounttypeid", ref("discounttype", volumeDiscounts))
                .set("lowquantity", new BigDecimal(low)).set("highquantity", new BigDecimal(high))
                .set("percentage", new BigDecimal(percentage)));
    }

    private UUID product(OrganizationService org, String name, String number, String price, String current,
            String standard) {
        return org.create(new Entity("product").set("name", name).set("productnumber", number)
                .set("defaultuomscheduleid", ref("uomschedule", units)).set("defaultuomid", ref("uom", each))
                .set("price", new BigDecimal(price)).set("currentcost", new BigDecimal(current))
                .set("standardcost", new BigDecimal(standard)).set("quantitydecimal", 0)
                .set("transactioncurrencyid", ref("transactioncurrency", currency)));
    }
}
