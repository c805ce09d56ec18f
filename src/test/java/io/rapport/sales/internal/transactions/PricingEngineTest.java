package io.rapport.sales.internal.transactions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rapport.sales.internal.transactions.PriceListPricing.Item;
import io.rapport.sales.internal.transactions.PriceListPricing.VolumeDiscount;
import io.rapport.sales.internal.transactions.PricingEngine.DiscountMethod;
import io.rapport.sales.internal.transactions.PricingEngine.LineAmounts;
import io.rapport.sales.internal.transactions.PricingEngine.LineInput;
import io.rapport.sales.internal.transactions.PricingEngine.Totals;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pricing engine to the cent: lines, header totals, the six pricing methods, rounding, volume discounts. */
class PricingEngineTest {

    private static BigDecimal d(String v) {
        return new BigDecimal(v);
    }

    private static Item item(int method, String amount, String pct, int policy, Integer option, String roundTo) {
        return new Item(method, amount == null ? null : d(amount), pct == null ? null : d(pct), d("1000.00"),
                d("80.00"), d("70.00"), policy, option, roundTo == null ? null : d(roundTo));
    }

    @Test
    void theSixPricingMethods() {
        int none = PriceListPricing.ROUND_NONE;
        assertThat(PriceListPricing.price(item(1, "1250", null, none, null, null), 2)).isEqualTo(d("1250.00"));
        assertThat(PriceListPricing.price(item(2, null, "85", none, null, null), 2)).isEqualTo(d("850.00"));
        assertThat(PriceListPricing.price(item(3, null, "25", none, null, null), 2)).isEqualTo(d("100.00"));
        assertThat(PriceListPricing.price(item(4, null, "20", none, null, null), 2)).isEqualTo(d("100.00"));
        assertThat(PriceListPricing.price(item(5, null, "15", none, null, null), 2)).isEqualTo(d("80.50"));
        assertThat(PriceListPricing.price(item(6, null, "30", none, null, null), 2)).isEqualTo(d("100.00"));
        assertThatThrownBy(() -> PriceListPricing.price(item(4, null, "100", none, null, null), 2))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roundingEndsInAndMultipleOf() {
        // 80 x 1.25 = 100.00; 70 x 1.15 = 80.50
        assertThat(PriceListPricing.price(item(3, null, "25", 2, 1, "0.99"), 2)).isEqualTo(d("100.99"));
        assertThat(PriceListPricing.price(item(3, null, "25", 3, 1, "0.99"), 2)).isEqualTo(d("99.99"));
        assertThat(PriceListPricing.price(item(5, null, "15", 4, 1, "0.99"), 2)).isEqualTo(d("80.99"));
        assertThat(PriceListPricing.price(item(5, null, "15", 4, 1, "9.99"), 2)).isEqualTo(d("79.99"));
        assertThat(PriceListPricing.price(item(5, null, "15", 2, 2, "5"), 2)).isEqualTo(d("85.00"));
        assertThat(PriceListPricing.price(item(5, null, "15", 3, 2, "5"), 2)).isEqualTo(d("80.00"));
        assertThat(PriceListPricing.price(item(5, null, "15", 4, 2, "0.25"), 2)).isEqualTo(d("80.50"));
        assertThat(PriceListPricing.price(item(1, "99.99", null, 2, 1, "0.99"), 2)).isEqualTo(d("99.99"));
    }

    @Test
    void volumeDiscountFromTheRangeHoldingTheQuantity() {
        List<VolumeDiscount> list = List.of(new VolumeDiscount(d("5"), d("9"), null, d("2")),
                new VolumeDiscount(d("10"), d("99"), null, d("4")));
        assertThat(PriceListPricing.volumeDiscount(list, d("10"), d("1250.00"), 2)).isEqualTo(d("50.00"));
        assertThat(PriceListPricing.volumeDiscount(list, d("9"), d("1250.00"), 2)).isEqualTo(d("25.00"));
        assertThat(PriceListPricing.volumeDiscount(list, d("4"), d("1250.00"), 2)).isEqualTo(d("0.00"));
        assertThat(PriceListPricing.volumeDiscount(List.of(new VolumeDiscount(d("1"), d("10"), d("7.5"), null)),
                d("3"), d("100"), 2)).isEqualTo(d("7.50"));
    }

    @Test
    void theSeedQuoteToTheCent() {
        LineAmounts laptops = PricingEngine.line(new LineInput(d("10"), d("1250.00"), d("50.00"), d("300.00"),
                d("1170.00")), DiscountMethod.LINE, 2);
        assertThat(laptops).isEqualTo(new LineAmounts(d("12000.00"), d("300.00"), d("1170.00"), d("12870.00")));
        LineAmounts docks = PricingEngine.line(new LineInput(d("3"), d("100.99"), null, null, d("30.30")),
                DiscountMethod.LINE, 2);
        assertThat(docks).isEqualTo(new LineAmounts(d("302.97"), d("0.00"), d("30.30"), d("333.27")));
        LineAmounts install = PricingEngine.line(new LineInput(d("1"), d("450.00"), null, null, null),
                DiscountMethod.LINE, 2);
        Totals t = PricingEngine.totals(List.of(laptops, docks, install), d("5"), null, d("150.00"), 2);
        assertThat(t).isEqualTo(new Totals(d("12452.97"), d("300.00"), d("622.65"), d("11830.32"), d("150.00"),
                d("1200.30"), d("13180.62")));
        assertThat(PricingEngine.base(t.totalAmount(), d("0.8"), 2)).isEqualTo(d("16475.78"));
    }

    @Test
    void perUnitManualDiscountAndHeaderAmountDiscount() {
        LineAmounts l = PricingEngine.line(new LineInput(d("2.5"), d("10.005"), null, d("1.10"), d("0")),
                DiscountMethod.PER_UNIT, 2);
        assertThat(l).isEqualTo(new LineAmounts(d("25.01"), d("2.75"), d("0.00"), d("22.26")));
        Totals t = PricingEngine.totals(List.of(l), d("10"), d("1.00"), null, 2);
        assertThat(t.detailAmount()).isEqualTo(d("22.26"));
        assertThat(t.totalDiscount()).isEqualTo(d("3.23"));
        assertThat(t.totalAmount()).isEqualTo(d("19.03"));
        assertThat(PricingEngine.totals(List.of(), null, null, null, 2).totalAmount()).isEqualTo(d("0.00"));
    }
}
