package io.rapport.sales.internal.transactions;

import io.rapport.sales.internal.transactions.PricingEngine.DiscountMethod;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of quotes, orders and invoices.
 *
 * @param quotePrefix the prefix of quote numbers (QUO-)
 * @param orderPrefix the prefix of order numbers (ORD-)
 * @param invoicePrefix the prefix of invoice numbers (INV-)
 * @param discountCalculation whether a line's manual discount is off the line or off each unit (Dataverse's
 *        organization setting {@code discountcalculationmethod})
 */
@ConfigurationProperties("rapport.sales.documents")
record SalesDocumentProperties(String quotePrefix, String orderPrefix, String invoicePrefix,
        DiscountMethod discountCalculation) {

    SalesDocumentProperties {
        quotePrefix = quotePrefix == null ? "QUO-" : quotePrefix;
        orderPrefix = orderPrefix == null ? "ORD-" : orderPrefix;
        invoicePrefix = invoicePrefix == null ? "INV-" : invoicePrefix;
        discountCalculation = discountCalculation == null ? DiscountMethod.LINE : discountCalculation;
    }
}
