package io.rapport.web.internal.list;

import io.rapport.metadata.EntityMetadata;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The assign dialog's search-as-you-type: a few enabled users whose name matches what was typed (one query per
 * keystroke pause), instead of every user on every list page.
 */
@Controller
class AssigneeController {

    static final int MATCHES = 10;

    private final UiFactory uis;

    AssigneeController(UiFactory uis) {
        this.uis = uis;
    }

    @GetMapping("/assignees")
    String search(@RequestParam(required = false, defaultValue = "") String q, Locale locale, Model model) {
        Ui ui = uis.create(locale);
        EntityMetadata user = ui.entity("systemuser");
        QueryExpression.Builder query = QueryExpression.from("systemuser").columns(ColumnSet.of("fullname"))
                .where(Condition.eq("isdisabled", false)).where(Condition.of("domainname",
                        io.rapport.query.ConditionOperator.NOT_EQUAL, "system"))
                .orderBy(Order.asc("fullname")).top(MATCHES);
        if (!q.isBlank()) {
            ListQueryBuilder.quickFind(user, q.trim()).ifPresent(query::where);
        }
        List<Result> results = new ArrayList<>();
        for (Entity u : ui.service().retrieveMultiple(query.build()).entities()) {
            String name = u.getString("fullname");
            results.add(new Result("systemuser:" + u.id(), name == null ? "" : name, user.label(locale)));
        }
        model.addAttribute("results", results);
        return "fragments/lookup :: results";
    }

    /** One match, shaped as the lookup fragment shows it. */
    record Result(String value, String name, String entityLabel) {
    }
}
