package io.rapport.sales.internal.transactions;

import io.rapport.sales.internal.transactions.PricingEngine.DiscountMethod;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of quotes, orders and invoices.
 *
 * @param quotePrefix the initial prefix of quote numbers (QUO, numbers QUO-01000): the organization record's
 *        {@code quoteprefix} starts with it, and an administrator changes it there (Settings, Auto-numbering)
 * @param orderPrefix the initial prefix of order numbers (ORD)
 * @param invoicePrefix the initial prefix of invoice numbers (INV)
 * @param discountCalculation whether a line's manual discount is off the line or off each unit (Dataverse's
 *        organization setting {@code discountcalculationmethod})
 */
@ConfigurationProperties("rapport.sales.documents")
record SalesDocumentProperties(String quotePrefix, String orderPrefix, String invoicePrefix,
        DiscountMethod discountCalculation) {

    SalesDocumentProperties {
        quotePrefix = prefix(quotePrefix, "QUO");
        orderPrefix = prefix(orderPrefix, "ORD");
        invoicePrefix = prefix(invoicePrefix, "INV");
        discountCalculation = discountCalculation == null ? DiscountMethod.LINE : discountCalculation;
    }

    /** The prefix without the hyphen the number adds (a configuration written as {@code QUO-} before it moved). */
    private static String prefix(String configured, String otherwise) {
        String p = configured == null || configured.isBlank() ? otherwise : configured.strip();
        return p.endsWith("-") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
    }
}
