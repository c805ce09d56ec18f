package io.rapport.web.internal.form;

import io.rapport.metadata.EntityMetadata;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.web.internal.list.ListQueryBuilder;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Search-as-you-type for lookup fields: a few active records of the lookup's targets matching the text. */
@Controller
class LookupController {

    static final int PER_TARGET = 8;

    private final UiFactory uis;

    LookupController(UiFactory uis) {
        this.uis = uis;
    }

    @GetMapping("/lookup")
    String search(@RequestParam String targets, @RequestParam String field,
            @RequestParam(required = false, defaultValue = "") String q, Locale locale, Model model) {
        Ui ui = uis.create(locale);
        List<Result> results = new ArrayList<>();
        for (String target : Arrays.stream(targets.split(",")).map(String::trim).toList()) {
            EntityMetadata e = ui.snapshot().findEntity(target).orElse(null);
            if (e == null) {
                continue;
            }
            QueryExpression.Builder query = QueryExpression.from(target)
                    .columns(ColumnSet.of(e.primaryNameAttribute())).orderBy(Order.asc(e.primaryNameAttribute()))
                    .top(PER_TARGET);
            if (e.hasStateCode()) {
                query.where(Condition.eq("statecode", 0));
            }
            if (!q.isBlank()) {
                ListQueryBuilder.quickFind(e, q.trim()).ifPresent(query::where);
            }
            for (Entity r : ui.service().retrieveMultiple(query.build()).entities()) {
                String name = r.getString(e.primaryNameAttribute());
                results.add(new Result(target + ":" + r.id(), name == null ? "" : name, e.label(locale)));
            }
        }
        model.addAttribute("results", results);
        model.addAttribute("field", field);
        return "fragments/lookup :: results";
    }

    /** One match: the value the field posts, the name shown, and the entity's label. */
    record Result(String value, String name, String entityLabel) {
    }
}
