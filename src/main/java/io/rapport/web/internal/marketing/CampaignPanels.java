package io.rapport.web.internal.marketing;

import io.rapport.error.ErrorCode;
import io.rapport.error.RapportException;
import io.rapport.metadata.EntityMetadata;
import io.rapport.pipeline.Privilege;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.web.internal.support.Ui;
import io.rapport.record.EntityReference;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/** Builds the marketing panel of campaign, campaign activity, response and customer forms, read as the signed-in user. */
@Component
public class CampaignPanels {

    /** How many lists the add-list dialog offers and how many campaigns a customer's panel shows. */
    static final int SHOWN = 50;
    private static final Set<String> CUSTOMERS = Set.of("account", "contact", "lead");

    public Optional<CampaignPanel> of(Ui ui, EntityMetadata e, Entity record) {
        if (record == null) {
            return Optional.empty();
        }
        boolean open = Integer.valueOf(0).equals(record.get("statecode"));
        return switch (e.logicalName()) {
            case "campaign" -> Optional.of(new CampaignPanel("campaign", record.id(), open, lists(ui), List.of()));
            case "list" -> Boolean.TRUE.equals(ui.service().retrieve("list", record.id(), ColumnSet.of("type"))
                    .get("type")) ? Optional.of(new CampaignPanel("dynamiclist", record.id(), open, List.of(),
                    List.of())) : Optional.empty();
            case "campaignactivity", "campaignresponse" -> Optional.of(new CampaignPanel(e.logicalName(), record.id(),
                    open, List.of(), List.of()));
            default -> CUSTOMERS.contains(e.logicalName()) && mayRead(ui, "campaign")
                    ? Optional.of(new CampaignPanel("customer", record.id(), open, List.of(), campaigns(ui, record)))
                    : Optional.empty();
        };
    }

    /**
     * Whether the signed-in user may read records of the entity at all: a customer's form opened by someone whose
     * role has no marketing privileges (a Customer Service Representative) shows no campaign panel rather than
     * failing.
     */
    private static boolean mayRead(Ui ui, String entity) {
        if (ui.snapshot().findEntity(entity).isEmpty()) {
            return false;
        }
        try {
            ui.service().checkPrivilege(entity, Privilege.READ);
            return true;
        } catch (RapportException ex) {
            if (ex.code() == ErrorCode.PRIVILEGE_DENIED) {
                return false;
            }
            throw ex;
        }
    }

    private List<CampaignPanel.Choice> lists(Ui ui) {
        if (!mayRead(ui, "list")) {
            return List.of();
        }
        return ui.service().retrieveMultiple(QueryExpression.from("list").select("listname")
                .where(Condition.eq("statecode", 0)).orderBy(Order.asc("listname")).top(SHOWN).build()).entities()
                .stream().map(l -> new CampaignPanel.Choice(l.id(), l.getString("listname"))).toList();
    }

    /**
     * The campaigns whose target lists hold the record, then a lead's source campaign and the source campaigns of a
     * customer's opportunities; each once, by name, read as the user.
     */
    private List<CampaignPanel.Choice> campaigns(Ui ui, Entity record) {
        Set<Object> ids = new LinkedHashSet<>();
        if (mayRead(ui, "listmember") && mayRead(ui, "campaignitem")) {
            Object[] lists = ui.service().retrieveMultiple(QueryExpression.from("listmember").select("listid")
                    .where(Condition.eq("entityid", record.id())).top(SHOWN).build()).entities().stream()
                    .map(m -> m.getReference("listid").id()).toArray();
            if (lists.length > 0) {
                ui.service().retrieveMultiple(QueryExpression.from("campaignitem").select("campaignid")
                        .where(Condition.of("entityid", ConditionOperator.IN, lists)).top(SHOWN).build()).entities()
                        .forEach(i -> ids.add(i.getReference("campaignid").id()));
            }
        }
        if (record.get("campaignid") instanceof EntityReference source) {
            ids.add(source.id());
        }
        if (!record.logicalName().equals("lead") && mayRead(ui, "opportunity")) {
            ui.service().retrieveMultiple(QueryExpression.from("opportunity").select("campaignid")
                    .where(Condition.eq("customerid", record.id()))
                    .where(Condition.of("campaignid", ConditionOperator.NOT_NULL)).top(SHOWN).build()).entities()
                    .forEach(o -> ids.add(o.getReference("campaignid").id()));
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        return ui.service().retrieveMultiple(QueryExpression.from("campaign").select("name")
                .where(Condition.of("campaignid", ConditionOperator.IN, ids.toArray())).orderBy(Order.asc("name"))
                .top(SHOWN).build()).entities().stream()
                .map(c -> new CampaignPanel.Choice(c.id(), c.getString("name"))).toList();
    }
}
