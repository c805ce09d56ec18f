package io.rapport.sales.internal.transactions;

import io.rapport.pipeline.OrganizationSettings;
import io.rapport.pipeline.PluginContext;
import io.rapport.pipeline.Sequences;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Document numbers as Dataverse formats them ({@code QUO-01000}): the prefix from the organization record
 * ({@code quoteprefix}, {@code orderprefix}, {@code invoiceprefix}; Settings, Auto-numbering), the running part from
 * the database sequence {@code sys_sales_document_number}, unique across nodes.
 */
@Component
public class DocumentNumbers {

    private final Sequences sequences;
    private final SalesDocumentProperties properties;
    private final OrganizationSettings settings;

    DocumentNumbers(Sequences sequences, SalesDocumentProperties properties, OrganizationSettings settings) {
        this.sequences = sequences;
        this.properties = properties;
        this.settings = settings;
    }

    String next(PluginContext context, DocumentKind kind) {
        String prefix = switch (kind) {
            case QUOTE -> settings.text(context.service(), "quoteprefix", properties.quotePrefix());
            case SALES_ORDER -> settings.text(context.service(), "orderprefix", properties.orderPrefix());
            case INVOICE -> settings.text(context.service(), "invoiceprefix", properties.invoicePrefix());
            case OPPORTUNITY -> throw new IllegalArgumentException("Opportunities have no number");
        };
        long n = sequences.next("sys_sales_document_number");
        return prefix + "-" + String.format("%05d", n);
    }

    /** The prefixes the organization record starts with: the configured ones ({@code rapport.sales.documents}). */
    public Map<String, String> initialPrefixes() {
        return Map.of("quoteprefix", properties.quotePrefix(), "orderprefix", properties.orderPrefix(),
                "invoiceprefix", properties.invoicePrefix());
    }
}
