package io.rapport.web.internal.sales;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import io.rapport.error.RapportException;
import io.rapport.metadata.ValueFormatter;
import io.rapport.query.ColumnSet;
import io.rapport.record.AddressFormat;
import io.rapport.query.Condition;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.security.SecurityProperties;
import io.rapport.web.internal.support.CurrencyCodes;
import io.rapport.web.internal.support.Display;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * A quote, order or invoice as a printable PDF in the user's language: the organization's name, the document number,
 * the customer, the lines and the totals, read through the pipeline as the signed-in user (so the document is
 * refused exactly as its form is) with money formatted by the pipeline's one {@code ValueFormatter}. The XHTML
 * template {@code pdf/document.html} is rendered by Thymeleaf and laid out by openhtmltopdf.
 */
@Controller
public class DocumentPdfController {

    private static final Map<String, String> NUMBERS = Map.of("quote", "quotenumber", "salesorder", "ordernumber",
            "invoice", "invoicenumber");
    private static final Map<String, String> LINES = Map.of("quote", "quotedetail", "salesorder", "salesorderdetail",
            "invoice", "invoicedetail");
    private static final int MAX_LINES = 500;
    private static final String STYLESHEET = java.util.Objects.requireNonNull(
            DocumentPdfController.class.getResource("/pdf/document.css"), "pdf/document.css").toExternalForm();

    /** One line as printed: formatted texts. */
    public record Line(String description, String quantity, String pricePerUnit, String discount, String tax,
            String extendedAmount) {
    }

    private final UiFactory uis;
    private final ITemplateEngine templates;
    private final SecurityProperties organization;
    private final ValueFormatter formatter;
    private final CurrencyCodes currencies;

    DocumentPdfController(UiFactory uis, ITemplateEngine templates, SecurityProperties organization,
            ValueFormatter formatter, CurrencyCodes currencies) {
        this.uis = uis;
        this.templates = templates;
        this.organization = organization;
        this.formatter = formatter;
        this.currencies = currencies;
    }

    /** A rendered document: its number, a safe file name and the PDF. */
    public record DocumentPdf(String number, String fileName, byte[] bytes) {
    }

    @GetMapping("/app/{entity}/{id}/pdf")
    ResponseEntity<byte[]> pdf(@PathVariable String entity, @PathVariable UUID id, Locale locale) {
        DocumentPdf pdf = render(uis.create(locale), entity, id);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline().filename(pdf.fileName())
                        .build().toString())
                .body(pdf.bytes());
    }

    /** The document as a PDF, read as the user of {@code ui} and in its language (also attached to emails). */
    public DocumentPdf render(Ui ui, String entity, UUID id) {
        String numberAttribute = NUMBERS.get(entity);
        if (numberAttribute == null) {
            throw RapportException.notFound(entity, id);
        }
        List<String> columns = new ArrayList<>(List.of(numberAttribute, "name", "customerid",
                "transactioncurrencyid", "totallineitemamount", "discountpercentage", "discountamount",
                "totaldiscountamount", "freightamount", "totaltax", "totalamount"));
        for (String prefix : List.of("billto_", "shipto_")) {
            for (String part : List.of("name", "line1", "line2", "city", "stateorprovince", "postalcode", "country")) {
                columns.add(prefix + part);
            }
        }
        Entity doc = ui.service().retrieve(entity, id, ColumnSet.of(columns.toArray(String[]::new)));
        List<Line> lines = new ArrayList<>();
        for (Entity l : ui.service().retrieveMultiple(QueryExpression.from(LINES.get(entity)).select("productname",
                "productdescription", "quantity", "priceperunit", "volumediscountamount", "manualdiscountamount",
                "tax", "extendedamount", "transactioncurrencyid").where(Condition.eq(entity + "id", id))
                .orderBy(Order.asc("createdon")).top(MAX_LINES).build()).entities()) {
            String description = l.getString("productname") != null ? l.getString("productname")
                    : Display.text(l, "productdescription");
            String discount = l.getDecimal("manualdiscountamount") != null ? Display.text(l, "manualdiscountamount")
                    : Display.text(l, "volumediscountamount");
            lines.add(new Line(description, Display.text(l, "quantity"), Display.text(l, "priceperunit"), discount,
                    Display.text(l, "tax"), Display.text(l, "extendedamount")));
        }
        String number = doc.getString(numberAttribute) == null ? id.toString() : doc.getString(numberAttribute);
        Context context = new Context(ui.locale());
        context.setVariable("kind", entity);
        context.setVariable("stylesheet", STYLESHEET);
        context.setVariable("organization", organization.organizationName());
        context.setVariable("number", number);
        context.setVariable("name", Display.text(doc, "name"));
        context.setVariable("customer", Display.text(doc, "customerid"));
        context.setVariable("lines", lines);
        context.setVariable("billTo", addressBlock(doc, "billto_"));
        context.setVariable("shipTo", addressBlock(doc, "shipto_"));
        for (String total : List.of("totallineitemamount", "discountpercentage", "discountamount",
                "totaldiscountamount", "freightamount", "totaltax", "totalamount")) {
            context.setVariable(total, Display.text(doc, total));
        }
        if (doc.get("freightamount") == null) {
            // no freight reads as zero, in the document's currency
            context.setVariable("freightamount", formatter.money(BigDecimal.ZERO, currencies.current().codeOf(doc), 2,
                    ui.locale()));
        }
        return new DocumentPdf(number, number.replaceAll("[^A-Za-z0-9._-]", "_") + ".pdf",
                layout(templates.process("pdf/document", context)));
    }

    /** The name and lines of a bill-to or ship-to address in its country's order; empty when it has none. */
    private static List<String> addressBlock(Entity doc, String prefix) {
        AddressFormat.Address address = AddressFormat.Address.of(doc, prefix);
        List<String> block = new ArrayList<>();
        if (doc.getString(prefix + "name") != null && !doc.getString(prefix + "name").isBlank()) {
            block.add(doc.getString(prefix + "name").trim());
        }
        if (!address.isEmpty()) {
            block.addAll(AddressFormat.lines(address));
        }
        return block;
    }

    private static byte[] layout(String xhtml) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
