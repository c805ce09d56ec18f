package io.rapport.sales.internal.transactions;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.pipeline.PluginContext;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.JoinType;
import io.rapport.query.LinkEntity;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.sales.internal.transactions.PriceListPricing.Item;
import io.rapport.sales.internal.transactions.PriceListPricing.VolumeDiscount;
import io.rapport.sales.internal.transactions.PricingEngine.LineAmounts;
import io.rapport.sales.internal.transactions.PricingEngine.LineInput;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Prices one line of a quote, order, invoice or opportunity: a catalog product in a unit of its unit group at the
 * price of the document's price list (with the item's volume discount), or a write-in product at the price given.
 * Every problem of the line is reported at once.
 */
@Component
class LinePricing {

    /** {@code producttypecode} of a line, and {@code productstructure} of a product. */
    static final int PRODUCT = 1;
    static final int BUNDLE_LINE = 2;
    static final int REQUIRED_IN_BUNDLE = 3;
    static final int OPTIONAL_IN_BUNDLE = 4;
    private static final int FAMILY = 2;
    private static final int BUNDLE = 3;
    private static final String DISCOUNT_LIST = "discountlist";
    private static final String PRICE_LIST = "pricelist";
    private static final String[] ITEM_COLUMNS = {"pricingmethodcode", "amount", "percentage", "roundingpolicycode",
        "roundingoptioncode", "roundingoptionamount", "discounttypeid"};

    private final SystemView view;
    private final SalesDocumentProperties properties;
    private final Clock clock;

    LinePricing(SystemView view, SalesDocumentProperties properties, Clock clock) {
        this.view = view;
        this.properties = properties;
        this.clock = clock;
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
            if (line.get("parentbundleidref") != null) {
                errors.add("A write-in product cannot be part of a bundle.");
                errorAttribute = errorAttribute == null ? "parentbundleidref" : errorAttribute;
            }
            price = PricingEngine.nz(line.getDecimal("priceperunit"));
            out.put("productname", line.getString("productdescription"));
            out.put("producttypecode", PRODUCT);
        } else {
            EntityReference productRef = line.getReference("productid");
            if (productRef == null) {
                throw new RapportException(ErrorCode.REQUIRED_ATTRIBUTE_MISSING, "A product line needs a catalog "
                        + "product (productid), or isproductoverridden with a productdescription for a write-in.",
                        "productid");
            }
            Entity product = CatalogReads.once(context, "product:" + productRef.id(), () -> view.find(context,
                    "product", productRef.id(), "name", "statecode", "defaultuomscheduleid", "defaultuomid", "price",
                    "currentcost", "standardcost", "quantitydecimal", "productstructure"))
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
                Entity unit = CatalogReads.once(context, "uom:" + uom.id(), () -> view.find(context, "uom", uom.id(),
                        "name", "uomscheduleid"))
                        .orElseThrow(() -> RapportException.notFound("uom", uom.id()));
                EntityReference group = product.getReference("defaultuomscheduleid");
                if (group == null || unit.getReference("uomscheduleid") == null
                        || !group.id().equals(unit.getReference("uomscheduleid").id())) {
                    errors.add("The unit '" + unit.getString("name") + "' is not in the unit group of the product '"
                            + productName + "'.");
                    errorAttribute = errorAttribute == null ? "uomid" : errorAttribute;
                }
            }
            Entity bundle = line.get("parentbundleidref") == null ? null
                    : bundleOf(context, kind, document, line, productRef, errors);
            Integer structure = product.getInteger("productstructure");
            if (structure != null && structure == FAMILY) {
                errors.add("The product '" + productName + "' is a product family; add one of its products.");
                errorAttribute = errorAttribute == null ? "productid" : errorAttribute;
            } else if (bundle != null && structure != null && structure == BUNDLE) {
                errors.add("A bundle cannot be part of another bundle.");
                errorAttribute = errorAttribute == null ? "parentbundleidref" : errorAttribute;
            }
            if (bundle != null) {
                out.put("parentbundleid", line.getReference("parentbundleidref").id());
                out.put("productassociationid", bundle.id());
                out.put("producttypecode", Integer.valueOf(0).equals(bundle.getInteger("productisrequired"))
                        ? OPTIONAL_IN_BUNDLE : REQUIRED_IN_BUNDLE);
            } else {
                out.put("producttypecode", structure != null && structure == BUNDLE ? BUNDLE_LINE : PRODUCT);
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
            } else if (uom != null && bundle == null && line.get("parentbundleidref") == null) {
                // the item with its discount list's kind in one statement (LinePricing#volumeDiscount reads the
                // list's ranges only when the item has one)
                item = CatalogReads.once(context, "item:" + priceList.id() + ":" + productRef.id() + ":" + uom.id(),
                        () -> view.service(context).retrieveMultiple(QueryExpression.from("productpricelevel")
                        .columns(ColumnSet.of(ITEM_COLUMNS)).link(new LinkEntity("discounttype", "discounttypeid",
                                "discounttypeid", DISCOUNT_LIST, JoinType.LEFT_OUTER, ColumnSet.of("isamounttype"),
                                null, null))
                        .link(new LinkEntity("pricelevel", "pricelevelid", "pricelevelid", PRICE_LIST, JoinType.INNER,
                                ColumnSet.of("name", "statecode", "begindate", "enddate"), null, null))
                        .where(Condition.eq("pricelevelid", priceList.id()))
                        .where(Condition.eq("productid", productRef.id())).where(Condition.eq("uomid", uom.id()))
                        .top(1).build()).entities().stream().findFirst()).orElse(null);
                if (item == null) {
                    errors.add("The product '" + productName + "' is not on the price list of the " + kind.entity
                            + " in this unit.");
                    errorAttribute = errorAttribute == null ? "productid" : errorAttribute;
                } else if (productChanged) {
                    String closed = closedPriceList(item);
                    if (closed != null) {
                        errors.add(closed);
                        errorAttribute = errorAttribute == null ? "pricelevelid" : errorAttribute;
                    }
                }
            }
            if (!errors.isEmpty()) {
                throw new RapportException(ErrorCode.BUSINESS_RULE, String.join(" ", errors), errorAttribute);
            }
            boolean overridden = Boolean.TRUE.equals(line.getBoolean("ispriceoverridden"));
            if (bundle != null) {
                // a product of a bundle is sold in the bundle's price
                price = BigDecimal.ZERO;
            } else {
                price = overridden ? PricingEngine.nz(line.getDecimal("priceperunit")) : listPrice(item, product,
                        precision);
                volume = volumeDiscount(context, item, quantity, price, precision);
            }
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
        if (line.get("tax") != null) {
            // stored as it counts in the extended amount, so that the document's totals are sums of stored values
            out.put("tax", amounts.tax());
        }
        out.put("exchangerate", rate);
        out.put("transactioncurrencyid", document.getReference("transactioncurrencyid") == null ? null
                : new EntityReference("transactioncurrency", document.getReference("transactioncurrencyid").id()));
        return out;
    }

    /**
     * The product association a line of a bundle comes from, after checking that its parent line is a bundle of the
     * same document and that the association links that bundle to the line's product; null (with the problem in
     * {@code errors}) otherwise.
     */
    private Entity bundleOf(PluginContext context, DocumentKind kind, Entity document, Entity line,
            EntityReference product, List<String> errors) {
        EntityReference parentRef = line.getReference("parentbundleidref");
        Entity parent = view.find(context, kind.lineEntity, parentRef.id(), kind.parentAttribute, "productid",
                "producttypecode").orElse(null);
        if (parent == null || parent.getReference(kind.parentAttribute) == null
                || !parent.getReference(kind.parentAttribute).id().equals(document.id())
                || !Integer.valueOf(BUNDLE_LINE).equals(parent.getInteger("producttypecode"))) {
            errors.add("The parent bundle line (parentbundleidref) is not a bundle of this " + kind.entity + ".");
            return null;
        }
        QueryExpression.Builder q = QueryExpression.from("productassociation").select("productisrequired")
                .where(Condition.eq("productid", parent.getReference("productid").id()))
                .where(Condition.eq("associatedproduct", product.id())).top(1);
        Object association = line.get("productassociationid");
        if (association != null) {
            q.where(Condition.eq("productassociationid", association));
        }
        Entity found = view.service(context).retrieveMultiple(q.build()).entities().stream().findFirst().orElse(null);
        if (found == null) {
            errors.add("The product is not part of the bundle '" + (parent.getReference("productid").name() == null
                    ? parent.getReference("productid").id() : parent.getReference("productid").name()) + "'.");
        }
        return found;
    }

    /**
     * Why the item's price list takes no new products today (inactive, not yet started or ended, as Dynamics 365
     * refuses them), or null when it does; an empty begin or end date is no limit.
     */
    private String closedPriceList(Entity item) {
        String name = (String) item.get(PRICE_LIST + ".name");
        if (Integer.valueOf(1).equals(item.get(PRICE_LIST + ".statecode"))) {
            return "The price list '" + name + "' is inactive; choose an active price list to add products.";
        }
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        if (item.get(PRICE_LIST + ".begindate") instanceof LocalDate begin && today.isBefore(begin)) {
            return "The price list '" + name + "' is valid from " + begin + "; products cannot be added before.";
        }
        if (item.get(PRICE_LIST + ".enddate") instanceof LocalDate end && today.isAfter(end)) {
            return "The price list '" + name + "' ended on " + end + "; choose a current price list to add products.";
        }
        return null;
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
        boolean amounts = Boolean.TRUE.equals(item.get(DISCOUNT_LIST + ".isamounttype"));
        List<VolumeDiscount> ranges = CatalogReads.once(context, "discounts:" + list.id() + ":" + amounts,
                () -> Optional.of(view.service(context).retrieveMultiple(QueryExpression.from("discount")
                .select("lowquantity", "highquantity", "amount", "percentage")
                .where(Condition.eq("discounttypeid", list.id())).orderBy(io.rapport.query.Order.asc("lowquantity"))
                .top(500).build()).entities().stream().map(d -> new VolumeDiscount(d.getDecimal("lowquantity"),
                        d.getDecimal("highquantity"), amounts ? PricingEngine.nz(d.getDecimal("amount")) : null,
                        amounts ? null : d.getDecimal("percentage"))).toList())).orElseThrow();
        return PriceListPricing.volumeDiscount(ranges, quantity, price, precision);
    }

    private static int orDefault(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
