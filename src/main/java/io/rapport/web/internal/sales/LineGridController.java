package io.rapport.web.internal.sales;

import io.rapport.error.RapportException;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.metadata.ValueFormatter;
import io.rapport.web.internal.support.CurrencyCodes;
import io.rapport.web.internal.support.Display;
import io.rapport.web.internal.support.ErrorMessages;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The line-item grid of quotes, orders and invoices (htmx): add a catalog product of the document's price list or a
 * write-in, change quantity, manual discount and tax, remove a line; each change runs through the pipeline (which
 * prices the line and recomputes the totals) and answers with the grid and its totals, without a page reload.
 */
@Controller
public class LineGridController {

    private static final Map<String, String> LINES = Map.of("quote", "quotedetail", "salesorder", "salesorderdetail",
            "invoice", "invoicedetail");
    private static final Set<String> EDITABLE_LINE = Set.of("quantity", "manualdiscountamount", "tax");

    private final UiFactory uis;
    private final ErrorMessages errors;
    private final ValueFormatter formatter;
    private final CurrencyCodes currencies;

    LineGridController(UiFactory uis, ErrorMessages errors, ValueFormatter formatter, CurrencyCodes currencies) {
        this.uis = uis;
        this.errors = errors;
        this.formatter = formatter;
        this.currencies = currencies;
    }

    @GetMapping("/app/{entity}/{id}/lines")
    String grid(@PathVariable String entity, @PathVariable UUID id, Locale locale, Model model) {
        Ui ui = uis.create(locale);
        model.addAttribute("grid", build(ui, entity, id, null));
        return "fragments/lines :: grid";
    }

    @PostMapping("/app/{entity}/{id}/lines")
    String add(@PathVariable String entity, @PathVariable UUID id, @RequestParam Map<String, String> form,
            Locale locale, Model model) {
        Ui ui = uis.create(locale);
        String error = change(ui, entity, () -> {
            Entity line = new Entity(line(entity)).set(entity + "id", new EntityReference(entity, id));
            String product = form.getOrDefault("productid", "");
            if (!product.isBlank()) {
                line.set("productid", new EntityReference("product", UUID.fromString(product)));
            } else {
                line.set("isproductoverridden", true).set("productdescription", form.getOrDefault("productdescription",
                        "").trim()).set("priceperunit", decimal(form.get("priceperunit"), locale));
            }
            line.set("quantity", decimal(form.get("quantity"), locale));
            putIfGiven(line, "manualdiscountamount", form, locale);
            putIfGiven(line, "tax", form, locale);
            ui.service().create(line);
        });
        model.addAttribute("grid", build(ui, entity, id, error));
        return "fragments/lines :: grid";
    }

    @PostMapping("/app/{entity}/{id}/lines/{line}")
    String update(@PathVariable String entity, @PathVariable UUID id, @PathVariable UUID line,
            @RequestParam Map<String, String> form, Locale locale, Model model) {
        Ui ui = uis.create(locale);
        String error = change(ui, entity, () -> {
            Entity changes = new Entity(line(entity), line);
            for (String a : EDITABLE_LINE) {
                if (form.containsKey(a)) {
                    changes.set(a, decimal(form.get(a), locale));
                }
            }
            ui.service().update(changes);
        });
        model.addAttribute("grid", build(ui, entity, id, error));
        return "fragments/lines :: grid";
    }

    @PostMapping("/app/{entity}/{id}/lines/{line}/delete")
    String delete(@PathVariable String entity, @PathVariable UUID id, @PathVariable UUID line, Locale locale,
            Model model) {
        Ui ui = uis.create(locale);
        String error = change(ui, entity, () -> ui.service().delete(line(entity), line));
        model.addAttribute("grid", build(ui, entity, id, error));
        return "fragments/lines :: grid";
    }

    private static String line(String entity) {
        String line = LINES.get(entity);
        if (line == null) {
            throw RapportException.notFound(entity, null);
        }
        return line;
    }

    private String change(Ui ui, String entity, Runnable work) {
        try {
            work.run();
            return null;
        } catch (RapportException e) {
            return errors.message(e, ui.entity(line(entity)), ui.locale());
        } catch (IllegalArgumentException e) {
            return errors.message(RapportException.invalid(e.getMessage()), ui.entity(line(entity)), ui.locale());
        }
    }

    private static void putIfGiven(Entity line, String attribute, Map<String, String> form, Locale locale) {
        String v = form.get(attribute);
        if (v != null && !v.isBlank()) {
            line.set(attribute, decimal(v, locale));
        }
    }

    /** A number as typed: digits with an optional decimal point or comma (grouping separators are not allowed). */
    static BigDecimal decimal(String raw, Locale locale) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String s = raw.trim().replace(" ", "");
        if (s.contains(",") && !s.contains(".")) {
            s = s.replace(',', '.');
        }
        try {
            return new BigDecimal(s);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + raw + "' is not a number.");
        }
    }

    LineGrid build(Ui ui, String entity, UUID id, String error) {
        String lineEntity = line(entity);
        Entity doc = ui.service().retrieve(entity, id, ColumnSet.of("statecode", "pricelevelid", "totallineitemamount",
                "totaldiscountamount", "freightamount", "totaltax", "totalamount", "transactioncurrencyid"));
        boolean editable = doc.get("statecode") instanceof Integer s && s == 0;
        // money as the pipeline formatted it (the one ValueFormatter): the user's locale, the document's currency
        String currency = currencies.current().codeOf(doc);
        List<LineGrid.Line> lines = new ArrayList<>();
        for (Entity l : bundlesFirst(ui.service().retrieveMultiple(QueryExpression.from(lineEntity).select(
                "productname", "quantity", "priceperunit", "volumediscountamount", "manualdiscountamount", "tax",
                "extendedamount", "transactioncurrencyid", "producttypecode", "parentbundleidref")
                .where(Condition.eq(entity + "id", id)).orderBy(Order.asc("createdon")).top(500).build())
                .entities())) {
            lines.add(new LineGrid.Line(l.id(), l.getString("productname"), plain(l.getDecimal("quantity")),
                    Display.text(l, "quantity"), money(l, "priceperunit", currency, ui),
                    money(l, "volumediscountamount", currency, ui), plainMoney(l.getDecimal("manualdiscountamount")),
                    money(l, "manualdiscountamount", currency, ui), plainMoney(l.getDecimal("tax")),
                    money(l, "tax", currency, ui), money(l, "extendedamount", currency, ui),
                    Integer.valueOf(2).equals(l.getInteger("producttypecode")), l.get("parentbundleidref") != null));
        }
        Map<UUID, LineGrid.Choice> products = new LinkedHashMap<>();
        if (editable && doc.getReference("pricelevelid") != null) {
            for (Entity item : ui.service().retrieveMultiple(QueryExpression.from("productpricelevel")
                    .select("productid").where(Condition.eq("pricelevelid", doc.getReference("pricelevelid").id()))
                    .top(500).build()).entities()) {
                EntityReference p = item.getReference("productid");
                if (p != null) {
                    products.putIfAbsent(p.id(), new LineGrid.Choice(p.id(), p.name() == null ? p.id().toString()
                            : p.name()));
                }
            }
        }
        List<LineGrid.Choice> sorted = new ArrayList<>(products.values());
        sorted.sort((a, b) -> a.name().compareToIgnoreCase(b.name()));
        return new LineGrid(entity, id, editable, lines, sorted, new LineGrid.Totals(
                money(doc, "totallineitemamount", currency, ui), money(doc, "totaldiscountamount", currency, ui),
                money(doc, "freightamount", currency, ui), money(doc, "totaltax", currency, ui),
                money(doc, "totalamount", currency, ui)), error);
    }

    /** The lines in their order, each bundle's products right after the bundle. */
    private static List<Entity> bundlesFirst(List<Entity> lines) {
        Map<UUID, List<Entity>> products = new LinkedHashMap<>();
        List<Entity> top = new ArrayList<>();
        for (Entity l : lines) {
            EntityReference bundle = l.getReference("parentbundleidref");
            if (bundle == null) {
                top.add(l);
            } else {
                products.computeIfAbsent(bundle.id(), k -> new ArrayList<>()).add(l);
            }
        }
        List<Entity> ordered = new ArrayList<>();
        for (Entity l : top) {
            ordered.add(l);
            ordered.addAll(products.getOrDefault(l.id(), List.of()));
        }
        return ordered;
    }

    /** The formatted amount; none reads as zero in the document's currency. */
    private String money(Entity record, String attribute, String currency, Ui ui) {
        return record.get(attribute) == null ? formatter.money(BigDecimal.ZERO, currency, 2, ui.locale())
                : Display.text(record, attribute);
    }

    /** An amount as put into an input: plain digits with two decimals (what {@link #decimal} reads back). */
    private static String plainMoney(BigDecimal v) {
        return v == null ? "" : v.setScale(2, RoundingMode.HALF_UP).toPlainString();
    }

    private static String plain(BigDecimal v) {
        return v == null ? "" : v.stripTrailingZeros().toPlainString();
    }
}
