package io.rapport.web.internal.sales;

import java.util.List;
import java.util.UUID;

/**
 * The editable products of a quote, order or invoice: its lines, the catalog products of its price list, its totals
 * and the last error (shown above the grid), as the htmx fragment renders them.
 */
public record LineGrid(String entity, UUID id, boolean editable, List<Line> lines, List<Choice> products,
        Totals totals, String error) {

    public record Line(UUID id, String name, String quantity, String pricePerUnit, String volumeDiscount,
            String manualDiscount, String tax, String extendedAmount) {
    }

    public record Choice(UUID id, String name) {
    }

    public record Totals(String detailAmount, String totalDiscount, String freight, String totalTax, String total) {
    }
}
