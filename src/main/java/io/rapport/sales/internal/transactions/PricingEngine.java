package io.rapport.sales.internal.transactions;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The one place where sales prices and totals are computed (quotes, orders, invoices, opportunity products), as
 * Dynamics 365 Sales does. Pure arithmetic on {@link BigDecimal}; money is rounded half up to the currency's
 * precision at each step a user sees (line amounts, discounts, totals).
 *
 * <ul>
 * <li>line: amount = quantity × (price per unit − volume discount per unit); extended amount = amount − manual
 * discount + tax (the manual discount is per line, or per unit times the quantity, by the organization setting);</li>
 * <li>header: detail amount = Σ (line amount − manual discount); total discount = discount amount + detail amount ×
 * discount % / 100; pre-freight amount = detail amount − total discount; total tax = Σ line tax; total = pre-freight
 * amount + freight + total tax;</li>
 * <li>base-currency amounts = amount / exchange rate (units of the document's currency per base unit).</li>
 * </ul>
 */
public final class PricingEngine {

    private PricingEngine() {
    }

    /** How manual line discounts are read (Dataverse's organization setting {@code discountcalculationmethod}). */
    public enum DiscountMethod {
        /** The manual discount is an amount off the whole line. */
        LINE,
        /** The manual discount is an amount off each unit. */
        PER_UNIT
    }

    /** What a line is priced from. */
    public record LineInput(BigDecimal quantity, BigDecimal pricePerUnit, BigDecimal volumeDiscountPerUnit,
            BigDecimal manualDiscount, BigDecimal tax) {
    }

    /** A priced line: amount (base amount), manual discount as applied to the line, tax, extended amount. */
    public record LineAmounts(BigDecimal amount, BigDecimal manualDiscount, BigDecimal tax, BigDecimal extendedAmount) {
    }

    /** A document's totals. */
    public record Totals(BigDecimal detailAmount, BigDecimal lineDiscounts, BigDecimal totalDiscount,
            BigDecimal amountLessFreight, BigDecimal freight, BigDecimal totalTax, BigDecimal totalAmount) {
    }

    public static LineAmounts line(LineInput in, DiscountMethod method, int precision) {
        BigDecimal quantity = nz(in.quantity());
        BigDecimal unit = nz(in.pricePerUnit()).subtract(nz(in.volumeDiscountPerUnit()));
        BigDecimal amount = money(quantity.multiply(unit), precision);
        BigDecimal manual = method == DiscountMethod.PER_UNIT
                ? money(nz(in.manualDiscount()).multiply(quantity), precision) : money(nz(in.manualDiscount()), precision);
        BigDecimal tax = money(nz(in.tax()), precision);
        return new LineAmounts(amount, manual, tax, amount.subtract(manual).add(tax));
    }

    public static Totals totals(List<LineAmounts> lines, BigDecimal discountPercentage, BigDecimal discountAmount,
            BigDecimal freight, int precision) {
        BigDecimal detail = BigDecimal.ZERO;
        BigDecimal lineDiscounts = BigDecimal.ZERO;
        BigDecimal tax = BigDecimal.ZERO;
        for (LineAmounts l : lines) {
            detail = detail.add(l.amount()).subtract(l.manualDiscount());
            lineDiscounts = lineDiscounts.add(l.manualDiscount());
            tax = tax.add(l.tax());
        }
        BigDecimal percentOff = money(detail.multiply(nz(discountPercentage)).movePointLeft(2), precision);
        BigDecimal discount = money(nz(discountAmount), precision).add(percentOff);
        BigDecimal lessFreight = detail.subtract(discount);
        BigDecimal f = money(nz(freight), precision);
        return new Totals(scale(detail, precision), scale(lineDiscounts, precision), discount, lessFreight, f,
                scale(tax, precision), lessFreight.add(f).add(tax));
    }

    /** An amount in the base currency: divided by the exchange rate (1 when none). */
    public static BigDecimal base(BigDecimal amount, BigDecimal exchangeRate, int basePrecision) {
        if (amount == null) {
            return null;
        }
        BigDecimal rate = exchangeRate == null || exchangeRate.signum() == 0 ? BigDecimal.ONE : exchangeRate;
        return amount.divide(rate, basePrecision, RoundingMode.HALF_UP);
    }

    static BigDecimal money(BigDecimal value, int precision) {
        return value.setScale(precision, RoundingMode.HALF_UP);
    }

    private static BigDecimal scale(BigDecimal value, int precision) {
        return value.setScale(precision, RoundingMode.HALF_UP);
    }

    static BigDecimal nz(BigDecimal value) {
        return value == null ? BigDecimal.ZERO : value;
    }
}
