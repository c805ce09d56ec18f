package io.rapport.web.internal.dashboard;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.query.Aggregate;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Filter;
import io.rapport.query.GroupBy;
import io.rapport.query.JoinType;
import io.rapport.query.LinkEntity;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.web.internal.support.Ui;
import java.text.NumberFormat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The Service area's home: the caller's active cases, active cases by priority, origin and status reason, SLA KPIs
 * by status and those near (within the hour or Nearing Noncompliance) or past failure on active cases, and the active
 * items of the caller's queues (owned, or private ones they are a member of). Every figure is a query run as the
 * caller, so row security (and private queues' membership) applies; counts are grouped in the store.
 */
@Component
public class ServiceDashboard {

    static final int AT_RISK_ROWS = 10;
    static final int MAX_QUEUES = 30;

    private final DashboardCharts charts;
    private final MessageSource messages;
    private final Clock clock;

    ServiceDashboard(DashboardCharts charts, MessageSource messages, Clock clock) {
        this.charts = charts;
        this.messages = messages;
        this.clock = clock;
    }

    /** What the page shows. */
    public record Page(long myActiveCases, String myActiveCasesText, List<Chart> charts, List<AtRisk> atRisk) {
    }

    /** A KPI near or past failure on an active case the caller can read. */
    public record AtRisk(String name, UUID caseId, String caseTitle, String failureTime, String status, boolean failed) {
    }

    Page build(Ui ui) {
        long mine = count(ui, QueryExpression.from("incident").where(Condition.eq("statecode", 0))
                .where(Condition.of("ownerid", ConditionOperator.EQUAL_USER_ID)));
        List<Chart> result = new ArrayList<>();
        result.add(grouped(ui, "cases-priority", "service.dashboard.byPriority", "bar", "incident", "prioritycode",
                true));
        result.add(grouped(ui, "cases-origin", "service.dashboard.byOrigin", "bar", "incident", "caseorigincode",
                true));
        result.add(grouped(ui, "cases-status", "service.dashboard.byStatus", "doughnut", "incident", "statuscode",
                false));
        if (ui.snapshot().findEntity("slakpiinstance").isPresent()) {
            result.add(grouped(ui, "sla-status", "service.dashboard.slaCompliance", "doughnut", "slakpiinstance",
                    "status", false));
        }
        result.add(queueItems(ui));
        return new Page(mine, NumberFormat.getIntegerInstance(ui.locale()).format(mine), result, atRisk(ui));
    }

    private static long count(Ui ui, QueryExpression.Builder query) {
        List<Entity> rows = ui.service().retrieveMultiple(query.aggregate(new Aggregate(Aggregate.Function.COUNT,
                null, null, "n", false)).build()).entities();
        return rows.isEmpty() || !(rows.get(0).get("n") instanceof Number n) ? 0 : n.longValue();
    }

    private Chart grouped(Ui ui, String id, String titleKey, String type, String entity, String attribute,
            boolean activeOnly) {
        QueryExpression.Builder q = QueryExpression.from(entity);
        if (activeOnly) {
            q.where(Condition.eq("statecode", 0));
        }
        List<Entity> rows = ui.service().retrieveMultiple(q.groupBy(new GroupBy(null, attribute, "g", null))
                .aggregate(new Aggregate(Aggregate.Function.COUNT, null, null, "n", false)).orderBy(Order.asc("g"))
                .build()).entities();
        AttributeMetadata a = ui.entity(entity).attribute(attribute);
        return charts.countChart(ui, id, titleKey, type, rows, "g", a);
    }

    /**
     * Active items per queue of mine: the queues I own and the private queues I am a member of (the private queue
     * gate lets a user read only those), with the ones that hold nothing.
     */
    private Chart queueItems(Ui ui) {
        List<Entity> mine = ui.service().retrieveMultiple(QueryExpression.from("queue").select("name")
                .where(Condition.eq("statecode", 0)).where(Filter.or(Condition.of("ownerid",
                        ConditionOperator.EQUAL_USER_ID), Condition.eq("queueviewtype", 1)))
                .orderBy(Order.asc("name")).top(MAX_QUEUES).build()).entities();
        Map<UUID, Number> counts = new HashMap<>();
        if (!mine.isEmpty()) {
            for (Entity r : ui.service().retrieveMultiple(QueryExpression.from("queueitem")
                    .where(Condition.eq("statecode", 0))
                    .where(Condition.of("queueid", ConditionOperator.IN, mine.stream().map(Entity::id).toArray()))
                    .groupBy(new GroupBy(null, "queueid", "g", null))
                    .aggregate(new Aggregate(Aggregate.Function.COUNT, null, null, "n", false)).build()).entities()) {
                UUID queue = queueId(r.get("g"));
                if (queue != null && r.get("n") instanceof Number n) {
                    counts.put(queue, n);
                }
            }
        }
        List<String> labels = new ArrayList<>();
        List<Number> values = new ArrayList<>();
        List<String> formatted = new ArrayList<>();
        NumberFormat numbers = NumberFormat.getIntegerInstance(ui.locale());
        for (Entity q : mine) {
            Number n = counts.getOrDefault(q.id(), 0);
            labels.add(q.getString("name"));
            values.add(n);
            formatted.add(numbers.format(n));
        }
        return new Chart("queue-items", text(ui, "service.dashboard.queueItems"), "bar", text(ui, "dashboard.count"),
                labels, values, formatted, false, null);
    }

    private static UUID queueId(Object group) {
        return group instanceof EntityReference ref ? ref.id() : group instanceof UUID u ? u : null;
    }

    private List<AtRisk> atRisk(Ui ui) {
        if (ui.snapshot().findEntity("slakpiinstance").isEmpty()) {
            return List.of();
        }
        Instant now = Instant.now(clock);
        AttributeMetadata status = ui.entity("slakpiinstance").attribute("status");
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(ui.locale())
                .withZone(ui.caller().zone());
        List<AtRisk> result = new ArrayList<>();
        for (Entity k : ui.service().retrieveMultiple(QueryExpression.from("slakpiinstance")
                .select("name", "status", "failuretime", "regarding")
                .where(Filter.or(Condition.of("status", ConditionOperator.IN, 1, 2), Filter.and(
                        Condition.eq("status", 0), Condition.of("failuretime", ConditionOperator.LESS_EQUAL,
                                now.plus(Duration.ofHours(1))))))
                .link(new LinkEntity("incident", "incidentid", "regarding", "c", JoinType.INNER,
                        ColumnSet.of("title"), Condition.eq("statecode", 0), null))
                .orderBy(Order.asc("failuretime")).top(AT_RISK_ROWS).build()).entities()) {
            int value = k.get("status") instanceof Integer v ? v : 0;
            Instant failure = k.getInstant("failuretime");
            EntityReference regarding = k.getReference("regarding");
            result.add(new AtRisk(k.getString("name"), regarding == null ? null : regarding.id(),
                    k.get("c.title") instanceof String t ? t : "", failure == null ? "" : format.format(failure),
                    status.optionSet().option(value).map(o -> o.label().get(ui.language()))
                            .orElse(Integer.toString(value)), value == 1));
        }
        return result;
    }

    private String text(Ui ui, String key) {
        return messages.getMessage(key, null, ui.locale());
    }
}
