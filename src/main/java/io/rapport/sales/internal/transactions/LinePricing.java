package io.rapport.sales.internal.transactions;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.sales.internal.transactions.PriceListPricing.Item;
import io.rapport.sales.internal.transactions.PriceListPricing.VolumeDiscount;
import io.rapport.sales.internal.transactions.PricingEngine.LineAmounts;
import io.rapport.sales.internal.transactions.PricingEngine.LineInput;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Prices one line of a quote, order, invoice or opportunity: a catalog product in a unit of its unit group at the
 * price of the document's price list (with the item's volume discount), or a write-in product at the price given.
 * Every problem of the line is reported at once.
 */
@Component
class LinePricing {

    private final SystemView view;
    private final SalesDocumentProperties properties;

    LinePricing(SystemView view, SalesDocumentProperties properties) {
        this.view = view;
        this.properties = properties;
    }

    /**
     * The computed attributes of the line (the stored line with the change applied), given its document.
     *
     * @param productChanged whether the product is new on the line (a retired product may not be added)
     */
    Map<String, Object> price(PluginContext context, DocumentKind kind, Entity document, Entity line,
            boolean productChanged) {
        List<String> errors = new ArrayList<>();
        String errorAttribute = null;
        Map<String, Object> out = new LinkedHashMap<>();
        int precision = Documents.precision(context, view, document);
        BigDecimal quantity = PricingEngine.nz(line.getDecimal("quantity"));
        BigDecimal price;
        BigDecimal volume = BigDecimal.ZERO;
        boolean writeIn = Boolean.TRUE.equals(line.getBoolean("isproductoverridden"));
        if (writeIn) {
            if (line.get("productid") != null) {
                errors.add("A write-in product line cannot name a catalog product.");
                errorAttribute = "productid";
            }
            if (line.getString("productdescription") == null || line.getString("productdescription").isBlank()) {
                errors.add("A write-in product line needs the product's description (productdescription).");
                errorAttribute = errorAttribute == null ? "productdescription" : errorAttribute;
            }
            price = PricingEngine.nz(line.getDecimal("priceperunit"));
            out.put("productname", line.getString("productdescription"));
        } else {
            EntityReference productRef = line.getReference("productid");
            if (productRef == null) {
                throw new RapportException(ErrorCode.REQUIRED_ATTRIBUTE_MISSING, "A product line needs a catalog "
                        + "product (productid), or isproductoverridden with a productdescription for a write-in.",
                        "productid");
            }
            Entity product = view.find(context, "product", productRef.id(), "name", "statecode",
                    "defaultuomscheduleid", "defaultuomid", "price", "currentcost", "standardcost", "quantitydecimal")
                    .orElseThrow(() -> RapportException.notFound("product", productRef.id()));
            String productName = product.getString("name");
            out.put("productname", productName);
            if (productChanged && product.getInteger("statecode") != 0) {
                errors.add("The product '" + productName + "' is not active (" + Documents.stateLabel(context,
                        "product", product.getInteger("statecode")) + ") and cannot be added to a " + kind.entity
                        + ".");
                errorAttribute = "productid";
            }
            EntityReference uom = line.getReference("uomid") != null ? line.getReference("uomid")
                    : product.getReference("defaultuomid");
            if (uom == null) {
                errors.add("The line needs a unit (uomid); the product '" + productName + "' has no default unit.");
                errorAttribute = errorAttribute == null ? "uomid" : errorAttribute;
            } else {
                out.put("uomid", new EntityReference("uom", uom.id()));
                Entity unit = view.find(context, "uom", uom.id(), "name", "uomscheduleid")
                        .orElseThrow(() -> RapportException.notFound("uom", uom.id()));
                EntityReference group = product.getReference("defaultuomscheduleid");
                if (group == null || unit.getReference("uomscheduleid") == null
                        || !group.id().equals(unit.getReference("uomscheduleid").id())) {
                    errors.add("The unit '" + unit.getString("name") + "' is not in the unit group of the product '"
                            + productName + "'.");
                    errorAttribute = errorAttribute == null ? "uomid" : errorAttribute;
                }
            }
            Integer decimals = product.getInteger("quantitydecimal");
            if (decimals != null && quantity.stripTrailingZeros().scale() > decimals) {
                errors.add("The product '" + productName + "' is sold in quantities with at most " + decimals
                        + " decimals.");
                errorAttribute = errorAttribute == null ? "quantity" : errorAttribute;
            }
            EntityReference priceList = document.getReference("pricelevelid");
            Entity item = null;
            if (priceList == null) {
                errors.add("The " + kind.entity + " has no price list (pricelevelid); choose one before adding "
                        + "catalog products.");
                errorAttribute = errorAttribute == null ? "pricelevelid" : errorAttribute;
            } else if (uom != null) {
                item = view.service(context).retrieveMultiple(QueryExpression.from("productpricelevel")
                        .columns(ColumnSet.all()).where(Condition.eq("pricelevelid", priceList.id()))
                        .where(Condition.eq("productid", productRef.id())).where(Condition.eq("uomid", uom.id()))
                        .top(1).build()).entities().stream().findFirst().orElse(null);
                if (item == null) {
                    errors.add("The product '" + productName + "' is not on the price list of the " + kind.entity
                            + " in this unit.");
                    errorAttribute = errorAttribute == null ? "productid" : errorAttribute;
                }
            }
            if (!errors.isEmpty()) {
                throw new RapportException(ErrorCode.BUSINESS_RULE, String.join(" ", errors), errorAttribute);
            }
            boolean overridden = Boolean.TRUE.equals(line.getBoolean("ispriceoverridden"));
            price = overridden ? PricingEngine.nz(line.getDecimal("priceperunit")) : listPrice(item, product,
                    precision);
            volume = volumeDiscount(context, item, quantity, price, precision);
        }
        if (!errors.isEmpty()) {
            throw new RapportException(ErrorCode.BUSINESS_RULE, String.join(" ", errors), errorAttribute);
        }
        LineAmounts amounts = PricingEngine.line(new LineInput(quantity, price, volume,
                line.getDecimal("manualdiscountamount"), line.getDecimal("tax")), properties.discountCalculation(),
                precision);
        BigDecimal rate = document.getDecimal("exchangerate");
        out.put("priceperunit", PricingEngine.money(price, precision));
        out.put("volumediscountamount", volume);
        out.put("baseamount", amounts.amount());
        out.put("extendedamount", amounts.extendedAmount());
        out.put("exchangerate", rate);
        out.put("transactioncurrencyid", document.getReference("transactioncurrencyid") == null ? null
                : new EntityReference("transactioncurrency", document.getReference("transactioncurrencyid").id()));
        return out;
    }

    private static BigDecimal listPrice(Entity item, Entity product, int precision) {
        try {
            return PriceListPricing.price(new Item(orDefault(item.getInteger("pricingmethodcode"), 1),
                    item.getDecimal("amount"), item.getDecimal("percentage"), product.getDecimal("price"),
                    product.getDecimal("currentcost"), product.getDecimal("standardcost"),
                    orDefault(item.getInteger("roundingpolicycode"), 1), item.getInteger("roundingoptioncode"),
                    item.getDecimal("roundingoptionamount")), precision);
        } catch (IllegalArgumentException e) {
            throw new RapportException(ErrorCode.INVALID_ARGUMENT, "The price list item cannot be priced: "
                    + e.getMessage() + ".", "productid");
        }
    }

    private BigDecimal volumeDiscount(PluginContext context, Entity item, BigDecimal quantity, BigDecimal price,
            int precision) {
        EntityReference list = item.getReference("discounttypeid");
        if (list == null) {
            return BigDecimal.ZERO;
        }
        boolean amounts = view.find(context, "discounttype", list.id(), "isamounttype")
                .map(t -> Boolean.TRUE.equals(t.getBoolean("isamounttype"))).orElse(false);
        List<VolumeDiscount> ranges = view.service(context).retrieveMultiple(QueryExpression.from("discount")
                .select("lowquantity", "highquantity", "amount", "percentage")
                .where(Condition.eq("discounttypeid", list.id())).orderBy(io.rapport.query.Order.asc("lowquantity"))
                .top(500).build()).entities().stream().map(d -> new VolumeDiscount(d.getDecimal("lowquantity"),
                        d.getDecimal("highquantity"), amounts ? PricingEngine.nz(d.getDecimal("amount")) : null,
                        amounts ? null : d.getDecimal("percentage"))).toList();
        return PriceListPricing.volumeDiscount(ranges, quantity, price, precision);
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
