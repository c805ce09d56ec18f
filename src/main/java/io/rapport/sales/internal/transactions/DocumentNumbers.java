package io.rapport.sales.internal.transactions;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.sequence;

import org.jooq.DSLContext;
import org.springframework.stereotype.Component;

/** Document numbers from the database sequence {@code sys_sales_document_number}: unique across nodes. */
@Component
class DocumentNumbers {

    private final DSLContext dsl;
    private final SalesDocumentProperties properties;

    DocumentNumbers(DSLContext dsl, SalesDocumentProperties properties) {
        this.dsl = dsl;
        this.properties = properties;
    }

    String next(DocumentKind kind) {
        long n = dsl.select(sequence(name("sys_sales_document_number"), Long.class).nextval()).fetchSingle().value1();
        String prefix = switch (kind) {
            case QUOTE -> properties.quotePrefix();
            case SALES_ORDER -> properties.orderPrefix();
            case INVOICE -> properties.invoicePrefix();
            case OPPORTUNITY -> throw new IllegalArgumentException("Opportunities have no number");
        };
        return prefix + String.format("%05d", n);
    }
}
