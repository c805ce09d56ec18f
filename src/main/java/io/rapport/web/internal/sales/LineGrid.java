package io.rapport.web.internal.sales;

import java.util.List;
import java.util.UUID;

/**
 * The editable products of a quote, order or invoice: its lines, the catalog products of its price list, its totals
 * and the last error (shown above the grid), as the htmx fragment renders them.
 */
public record LineGrid(String entity, UUID id, boolean editable, List<Line> lines, List<Choice> products,
        Totals totals, String error) {

    /**
     * One line: {@code quantity}, {@code manualDiscount} and {@code tax} as typed into the grid's inputs (plain
     * numbers), the {@code …Text} values and the amounts as shown (the pipeline's formatted values: the user's
     * locale, the document's currency). {@code bundle}: the line of a product bundle; {@code inBundle}: a product
     * of the bundle above it (priced in the bundle).
     */
    public record Line(UUID id, String name, String quantity, String quantityText, String pricePerUnit,
            String volumeDiscount, String manualDiscount, String manualDiscountText, String tax, String taxText,
            String extendedAmount, boolean bundle, boolean inBundle) {
    }

    public record Choice(UUID id, String name) {
    }

    public record Totals(String detailAmount, String totalDiscount, String freight, String totalTax, String total) {
    }
}
