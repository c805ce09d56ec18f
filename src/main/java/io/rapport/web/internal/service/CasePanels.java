package io.rapport.web.internal.service;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.OptionMetadata;
import io.rapport.pipeline.ActionCatalog;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.web.internal.support.Ui;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** Builds the case panel from the case, its SLA KPIs and its contract line, read as the signed-in user. */
@Component
public class CasePanels {

    static final String CLOSE_INCIDENT = "CloseIncident";

    private final ActionCatalog actions;
    private final MessageSource messages;
    private final Clock clock;
    private final QueueWork queues;

    CasePanels(ActionCatalog actions, MessageSource messages, Clock clock, QueueWork queues) {
        this.queues = queues;
        this.actions = actions;
        this.messages = messages;
        this.clock = clock;
    }

    public Optional<CasePanel> of(Ui ui, EntityMetadata e, Entity record) {
        if (record == null || !e.logicalName().equals("incident")) {
            return Optional.empty();
        }
        boolean active = !(record.get("statecode") instanceof Integer s) || s == 0;
        List<CasePanel.Choice> reasons = new ArrayList<>();
        for (OptionMetadata o : e.attribute("statuscode").optionSet().options()) {
            if (o.state() != null && o.state() == 1) {
                reasons.add(new CasePanel.Choice(Integer.toString(o.value()), o.label().get(ui.language())));
            }
        }
        return Optional.of(new CasePanel(record.id(), active, active && actions.find(CLOSE_INCIDENT).isPresent(),
                reasons, timers(ui, record), contract(ui, record),
                active ? queues.itemsOf(ui, record.id()) : List.of(), active ? queues.queues(ui) : List.of()));
    }

    private List<CasePanel.Timer> timers(Ui ui, Entity record) {
        if (ui.snapshot().findEntity("slakpiinstance").isEmpty()) {
            return List.of();
        }
        AttributeMetadata status = ui.entity("slakpiinstance").attribute("status");
        Instant now = Instant.now(clock);
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT).withLocale(ui.locale())
                .withZone(ui.caller().zone());
        List<CasePanel.Timer> result = new ArrayList<>();
        for (Entity kpi : ui.service().retrieveMultiple(QueryExpression.from("slakpiinstance")
                .select("name", "status", "failuretime").where(Condition.eq("regarding", record.id())).top(10)
                .build()).entities()) {
            int value = kpi.get("status") instanceof Integer v ? v : 0;
            String label = status.optionSet().option(value).map(o -> o.label().get(ui.language()))
                    .orElse(Integer.toString(value));
            Instant failure = kpi.getInstant("failuretime");
            boolean open = value == 0 || value == 2;
            String left = "";
            boolean overdue = false;
            if (failure != null && open) {
                Duration d = Duration.between(now, failure);
                overdue = d.isNegative();
                Duration abs = d.abs();
                left = messages.getMessage(overdue ? "case.sla.overdue" : "case.sla.left",
                        new Object[] {abs.toHours(), abs.toMinutesPart()}, ui.locale());
            }
            result.add(new CasePanel.Timer(kpi.getString("name"), label, "sla-status-" + value,
                    failure == null ? "" : format.format(failure), left, overdue));
        }
        return result;
    }

    private String contract(Ui ui, Entity record) {
        if (!(record.get("contractdetailid") instanceof EntityReference line)) {
            return null;
        }
        Entity l = ui.service().retrieve("contractdetail", line.id(), ColumnSet.of("title", "allotmentsremaining",
                "totalallotments"));
        return messages.getMessage("case.contractRemaining", new Object[] {l.getString("title"),
                l.get("allotmentsremaining"), l.get("totalallotments")}, ui.locale());
    }
}
