package io.rapport.web.internal.dashboard;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.ValueFormatter;
import io.rapport.query.Aggregate;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.GroupBy;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.web.internal.support.Currencies;
import io.rapport.web.internal.support.CurrencyCodes;
import io.rapport.web.internal.support.Ui;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The sales dashboard's charts, each one grouped query in the store (nothing is summed in memory). */
@Component
class DashboardCharts {

    private final CurrencyCodes currencyCodes;
    private final MessageSource messages;
    private final ValueFormatter formatter;

    DashboardCharts(MessageSource messages, CurrencyCodes currencyCodes, ValueFormatter formatter) {
        this.messages = messages;
        this.currencyCodes = currencyCodes;
        this.formatter = formatter;
    }

    List<Chart> sales(Ui ui) {
        List<Chart> charts = new ArrayList<>();
        Currencies currencies = currencyCodes.current();
        pipelineByStage(ui, currencies).ifPresent(charts::add);
        wonByMonth(ui, currencies).ifPresent(charts::add);
        leadsBySource(ui).ifPresent(charts::add);
        openActivities(ui).ifPresent(charts::add);
        return charts;
    }

    private Optional<Chart> pipelineByStage(Ui ui, Currencies currencies) {
        Optional<EntityMetadata> opp = ui.snapshot().findEntity("opportunity");
        if (opp.isEmpty() || !opp.get().hasAttribute("salesstage")) {
            return Optional.empty();
        }
        List<Entity> rows = ui.service().retrieveMultiple(QueryExpression.from("opportunity")
                .where(Condition.eq("statecode", 0))
                .groupBy(new GroupBy(null, "salesstage", "stage", null))
                .aggregate(new Aggregate(Aggregate.Function.SUM, null, "estimatedvalue", "total", false))
                .orderBy(Order.asc("stage")).build()).entities();
        return Optional.of(moneyChart(ui, "pipeline", "dashboard.pipelineByStage", "bar", rows, "stage",
                opp.get().attribute("salesstage"), currencies.base()));
    }

    private Optional<Chart> wonByMonth(Ui ui, Currencies currencies) {
        Optional<EntityMetadata> opp = ui.snapshot().findEntity("opportunity");
        if (opp.isEmpty() || !opp.get().hasAttribute("actualclosedate") || !opp.get().hasAttribute("actualvalue")) {
            return Optional.empty();
        }
        List<Entity> rows = ui.service().retrieveMultiple(QueryExpression.from("opportunity")
                .where(Condition.eq("statecode", 1))
                .where(Condition.of("actualclosedate", ConditionOperator.LAST_X_MONTHS, 12))
                .groupBy(new GroupBy(null, "actualclosedate", "y", GroupBy.DateGrouping.YEAR))
                .groupBy(new GroupBy(null, "actualclosedate", "m", GroupBy.DateGrouping.MONTH))
                .aggregate(new Aggregate(Aggregate.Function.SUM, null, "actualvalue", "total", false))
                .orderBy(Order.asc("y")).orderBy(Order.asc("m")).build()).entities();
        DateTimeFormatter month = DateTimeFormatter.ofPattern("MMM yyyy", ui.locale());
        List<String> labels = new ArrayList<>();
        List<Number> values = new ArrayList<>();
        List<String> formatted = new ArrayList<>();
        for (Entity r : rows) {
            if (r.get("y") instanceof Number y && r.get("m") instanceof Number m) {
                BigDecimal total = decimal(r.get("total"));
                labels.add(month.format(YearMonth.of(y.intValue(), m.intValue())));
                values.add(total);
                formatted.add(formatter.money(total, currencies.base(), 2, ui.locale()));
            }
        }
        return Optional.of(new Chart("won", text(ui, "dashboard.wonByMonth"), "bar", text(ui, "dashboard.revenue"),
                labels, values, formatted, true, currencies.base()));
    }

    private Optional<Chart> leadsBySource(Ui ui) {
        Optional<EntityMetadata> lead = ui.snapshot().findEntity("lead");
        if (lead.isEmpty() || !lead.get().hasAttribute("leadsourcecode")) {
            return Optional.empty();
        }
        List<Entity> rows = ui.service().retrieveMultiple(QueryExpression.from("lead")
                .groupBy(new GroupBy(null, "leadsourcecode", "source", null))
                .aggregate(new Aggregate(Aggregate.Function.COUNT, null, null, "n", false))
                .orderBy(Order.desc("n")).build()).entities();
        return Optional.of(countChart(ui, "leads", "dashboard.leadsBySource", "doughnut", rows, "source",
                lead.get().attribute("leadsourcecode")));
    }

    private Optional<Chart> openActivities(Ui ui) {
        Optional<EntityMetadata> activity = ui.snapshot().findEntity("activitypointer");
        if (activity.isEmpty() || !activity.get().hasAttribute("activitytypecode")) {
            return Optional.of(new Chart("activities", text(ui, "dashboard.openActivities"), "bar",
                    text(ui, "dashboard.count"), List.of(), List.of(), List.of(), false, null));
        }
        List<Entity> rows = ui.service().retrieveMultiple(QueryExpression.from("activitypointer")
                .where(Condition.eq("statecode", 0))
                .groupBy(new GroupBy(null, "activitytypecode", "kind", null))
                .aggregate(new Aggregate(Aggregate.Function.COUNT, null, null, "n", false))
                .orderBy(Order.desc("n")).build()).entities();
        return Optional.of(countChart(ui, "activities", "dashboard.openActivities", "bar", rows, "kind",
                activity.get().attribute("activitytypecode")));
    }

    private Chart moneyChart(Ui ui, String id, String titleKey, String type, List<Entity> rows, String group,
            AttributeMetadata groupAttribute, String currency) {
        List<String> labels = new ArrayList<>();
        List<Number> values = new ArrayList<>();
        List<String> formatted = new ArrayList<>();
        for (Entity r : rows) {
            BigDecimal total = decimal(r.get("total"));
            labels.add(groupLabel(ui, groupAttribute, r.get(group)));
            values.add(total);
            formatted.add(formatter.money(total, currency, 2, ui.locale()));
        }
        return new Chart(id, text(ui, titleKey), type, text(ui, "dashboard.revenue"), labels, values, formatted, true,
                currency);
    }

    Chart countChart(Ui ui, String id, String titleKey, String type, List<Entity> rows, String group,
            AttributeMetadata groupAttribute) {
        List<String> labels = new ArrayList<>();
        List<Number> values = new ArrayList<>();
        List<String> formatted = new ArrayList<>();
        NumberFormat numbers = NumberFormat.getIntegerInstance(ui.locale());
        for (Entity r : rows) {
            Number n = r.get("n") instanceof Number x ? x : 0;
            labels.add(groupLabel(ui, groupAttribute, r.get(group)));
            values.add(n);
            formatted.add(numbers.format(n));
        }
        return new Chart(id, text(ui, titleKey), type, text(ui, "dashboard.count"), labels, values, formatted, false,
                null);
    }

    private String groupLabel(Ui ui, AttributeMetadata a, Object value) {
        if (value == null) {
            return text(ui, "dashboard.none");
        }
        if (value instanceof Integer v && a.optionSet() != null) {
            return a.optionSet().option(v).map(o -> o.label().get(ui.language())).orElse(value.toString());
        }
        if (value instanceof String s) {
            return ui.snapshot().findEntity(s).map(e -> e.label(ui.locale())).orElse(s);
        }
        return value.toString();
    }

    private static BigDecimal decimal(Object v) {
        return v instanceof BigDecimal b ? b : v instanceof Number n ? new BigDecimal(n.toString()) : BigDecimal.ZERO;
    }

    private String text(Ui ui, String key) {
        return messages.getMessage(key, null, ui.locale());
    }
}
