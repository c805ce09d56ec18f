package io.rapport.sales.internal.transactions;

import static io.rapport.sales.internal.transactions.PricingEngine.money;
import static io.rapport.sales.internal.transactions.PricingEngine.nz;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Optional;

/**
 * The price of a price list item (Dataverse's {@code productpricelevel}) by its pricing method and rounding, and the
 * volume discount of a quantity from a discount list.
 */
public final class PriceListPricing {

    public static final int CURRENCY_AMOUNT = 1;
    public static final int PERCENT_OF_LIST = 2;
    public static final int MARKUP_CURRENT_COST = 3;
    public static final int MARGIN_CURRENT_COST = 4;
    public static final int MARKUP_STANDARD_COST = 5;
    public static final int MARGIN_STANDARD_COST = 6;

    public static final int ROUND_NONE = 1;
    public static final int ROUND_UP = 2;
    public static final int ROUND_DOWN = 3;
    public static final int ROUND_NEAREST = 4;
    public static final int OPTION_ENDS_IN = 1;
    public static final int OPTION_MULTIPLE_OF = 2;

    private PriceListPricing() {
    }

    /** The item's price settings and the product's list price and costs. */
    public record Item(int method, BigDecimal amount, BigDecimal percentage, BigDecimal listPrice,
            BigDecimal currentCost, BigDecimal standardCost, int roundingPolicy, Integer roundingOption,
            BigDecimal roundingAmount) {
    }

    /** One volume discount: quantities from low to high (inclusive), an amount or a percentage off each unit. */
    public record VolumeDiscount(BigDecimal low, BigDecimal high, BigDecimal amount, BigDecimal percentage) {
    }

    /** The unit price of the item, rounded as the item says, then to the currency's precision. */
    public static BigDecimal price(Item item, int precision) {
        BigDecimal pct = nz(item.percentage()).movePointLeft(2);
        BigDecimal raw = switch (item.method()) {
            case CURRENCY_AMOUNT -> nz(item.amount());
            case PERCENT_OF_LIST -> nz(item.listPrice()).multiply(pct);
            case MARKUP_CURRENT_COST -> nz(item.currentCost()).multiply(BigDecimal.ONE.add(pct));
            case MARKUP_STANDARD_COST -> nz(item.standardCost()).multiply(BigDecimal.ONE.add(pct));
            case MARGIN_CURRENT_COST -> margin(item.currentCost(), pct);
            case MARGIN_STANDARD_COST -> margin(item.standardCost(), pct);
            default -> throw new IllegalArgumentException("Unknown pricing method " + item.method());
        };
        return money(round(raw, item.roundingPolicy(), item.roundingOption(), item.roundingAmount()), precision);
    }

    private static BigDecimal margin(BigDecimal cost, BigDecimal pct) {
        if (pct.compareTo(BigDecimal.ONE) >= 0) {
            throw new IllegalArgumentException("A margin must be below 100%");
        }
        return nz(cost).divide(BigDecimal.ONE.subtract(pct), 10, RoundingMode.HALF_UP);
    }

    /** Rounds up, down or to the nearest value that ends in the amount, or is a multiple of it. */
    static BigDecimal round(BigDecimal value, int policy, Integer option, BigDecimal amount) {
        if (policy == ROUND_NONE || option == null || amount == null || amount.signum() <= 0) {
            return value;
        }
        if (option == OPTION_MULTIPLE_OF) {
            BigDecimal units = value.divide(amount, 0, switch (policy) {
                case ROUND_UP -> RoundingMode.CEILING;
                case ROUND_DOWN -> RoundingMode.FLOOR;
                default -> RoundingMode.HALF_UP;
            });
            return units.multiply(amount);
        }
        // ends in: candidates are n × step + amount, step the smallest power of ten above the amount
        BigDecimal step = BigDecimal.ONE;
        while (step.compareTo(amount) <= 0) {
            step = step.movePointRight(1);
        }
        BigDecimal n = value.subtract(amount).divide(step, 0, RoundingMode.FLOOR);
        BigDecimal down = n.multiply(step).add(amount);
        BigDecimal up = down.compareTo(value) == 0 ? down : down.add(step);
        return switch (policy) {
            case ROUND_UP -> up;
            case ROUND_DOWN -> down;
            default -> up.subtract(value).compareTo(value.subtract(down)) <= 0 ? up : down;
        };
    }

    /** The discount per unit for the quantity at the price, from the first range holding the quantity. */
    public static BigDecimal volumeDiscount(List<VolumeDiscount> discounts, BigDecimal quantity,
            BigDecimal pricePerUnit, int precision) {
        Optional<VolumeDiscount> match = discounts.stream().filter(d -> quantity.compareTo(nz(d.low())) >= 0
                && quantity.compareTo(nz(d.high())) <= 0).findFirst();
        if (match.isEmpty()) {
            return money(BigDecimal.ZERO, precision);
        }
        VolumeDiscount d = match.get();
        return money(d.amount() != null ? d.amount() : nz(pricePerUnit).multiply(nz(d.percentage())).movePointLeft(2),
                precision);
    }
}
