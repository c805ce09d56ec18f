package io.rapport.web.internal.sales;

import io.rapport.metadata.AttributeMetadata;
import io.rapport.metadata.EntityMetadata;
import io.rapport.metadata.OptionMetadata;
import io.rapport.pipeline.ActionCatalog;
import io.rapport.record.Entity;
import io.rapport.web.internal.support.Ui;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Builds the process bar of leads and opportunities. Closing actions appear only when the pipeline offers them
 * (QualifyLead, WinOpportunity, LoseOpportunity come with the sales module); disqualifying is a state change.
 */
@Component
public class ProcessBars {

    static final String QUALIFY = "QualifyLead";
    static final String WIN = "WinOpportunity";
    static final String LOSE = "LoseOpportunity";
    static final int LEAD_DISQUALIFIED = 2;
    static final int OPPORTUNITY_LOST = 2;

    private final ActionCatalog actions;
    private final MessageSource messages;

    ProcessBars(ActionCatalog actions, MessageSource messages) {
        this.actions = actions;
        this.messages = messages;
    }

    /** The bar for the record, if its entity has one. */
    public Optional<ProcessBar> of(Ui ui, EntityMetadata e, Entity record) {
        if (record == null || !(e.logicalName().equals("lead") || e.logicalName().equals("opportunity"))) {
            return Optional.empty();
        }
        boolean open = !(record.get("statecode") instanceof Integer s) || s == 0;
        Optional<AttributeMetadata> salesStage = ui.snapshot().findEntity("opportunity")
                .flatMap(o -> o.findAttribute("salesstage"));
        List<ProcessBar.Stage> stages = new ArrayList<>();
        boolean isLead = e.logicalName().equals("lead");
        int current = isLead ? 0 : record.get("salesstage") instanceof Integer st ? st : 0;
        List<OptionMetadata> options = salesStage.map(a -> a.optionSet().options()).orElse(List.of());
        for (OptionMetadata o : options) {
            int closedAs = record.get("statecode") instanceof Integer s ? s : 0;
            String state = o.value() < current ? "done" : o.value() == current ? "current" : "upcoming";
            if (!open && !isLead) {
                // won: every stage done; lost: the process stopped at the stage it had reached
                state = closedAs != OPPORTUNITY_LOST || o.value() < current ? "done"
                        : o.value() == current ? "stopped" : "upcoming";
            }
            if (isLead && !open) {
                // qualified: the qualify stage is done; disqualified: the process stopped there
                state = o.value() != 0 ? "upcoming" : closedAs == LEAD_DISQUALIFIED ? "stopped" : "done";
            }
            stages.add(new ProcessBar.Stage(o.label().get(ui.language()), isLead ? null : o.value(), state));
        }
        List<ProcessBar.Action> available = new ArrayList<>();
        if (open && isLead) {
            if (actions.find(QUALIFY).isPresent()) {
                available.add(new ProcessBar.Action("qualify", text(ui, "process.qualify"), "btn-success"));
            }
            available.add(new ProcessBar.Action("disqualify", text(ui, "process.disqualify"), "btn-outline-danger"));
        }
        if (open && !isLead) {
            if (actions.find(WIN).isPresent()) {
                available.add(new ProcessBar.Action("win", text(ui, "process.win"), "btn-success"));
            }
            if (actions.find(LOSE).isPresent()) {
                available.add(new ProcessBar.Action("lose", text(ui, "process.lose"), "btn-outline-danger"));
            }
        }
        Object estimate = record.get("estimatedvalue");
        return Optional.of(new ProcessBar(e.logicalName(), record.id(), stages, open && !isLead, available,
                reasons(ui, "lead", LEAD_DISQUALIFIED), reasons(ui, "opportunity", OPPORTUNITY_LOST),
                estimate instanceof BigDecimal b ? b.stripTrailingZeros().toPlainString() : "", null));
    }

    /** The status reasons of a state: why a lead is disqualified or an opportunity lost. */
    private static List<ProcessBar.Choice> reasons(Ui ui, String entity, int state) {
        List<ProcessBar.Choice> result = new ArrayList<>();
        ui.snapshot().findEntity(entity).flatMap(x -> x.findAttribute("statuscode")).ifPresent(a -> {
            for (OptionMetadata o : a.optionSet().options()) {
                if (o.state() != null && o.state() == state) {
                    result.add(new ProcessBar.Choice(Integer.toString(o.value()), o.label().get(ui.language())));
                }
            }
        });
        return result;
    }

    private String text(Ui ui, String key) {
        return messages.getMessage(key, null, ui.locale());
    }
}
