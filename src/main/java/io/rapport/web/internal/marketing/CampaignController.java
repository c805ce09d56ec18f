package io.rapport.web.internal.marketing;

import io.rapport.error.RapportException;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.query.ColumnSet;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.web.internal.support.ErrorMessages;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The marketing panel's commands, each one or more pipeline messages as the signed-in user: add a marketing list to
 * a campaign (AddItemCampaign), distribute a campaign activity (DistributeCampaignActivity with an activity of its
 * channel's type), and convert a response into a lead, or into an account or contact with an opportunity (Create
 * with the campaign as source, then SetState Closed on the response), all in one transaction.
 */
@Controller
class CampaignController {

    private static final Map<Integer, String> CHANNELS = Map.of(1, "phonecall", 2, "appointment", 3, "letter",
            4, "letter", 5, "fax", 6, "fax", 7, "email", 8, "email");

    private final UiFactory uis;
    private final ErrorMessages errors;
    private final MessageSource messages;

    CampaignController(UiFactory uis, ErrorMessages errors, MessageSource messages) {
        this.uis = uis;
        this.errors = errors;
        this.messages = messages;
    }

    @PostMapping("/app/campaign/{id}/lists")
    String addList(@PathVariable UUID id, @RequestParam UUID listId, Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        return run(ui, flash, "campaign", id, "campaign.listAdded", () -> {
            ui.service().execute(new ActionRequest("AddItemCampaign", Map.of("CampaignId", id, "EntityId", listId,
                    "EntityName", "list")));
            return "/app/campaign/" + id;
        });
    }

    @PostMapping("/app/campaignactivity/{id}/distribute")
    String distribute(@PathVariable UUID id, @RequestParam(defaultValue = "Caller") String ownership,
            @RequestParam(defaultValue = "false") boolean propagate, Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        return run(ui, flash, "campaignactivity", id, "campaign.distributed", () -> {
            Entity activity = ui.service().retrieve("campaignactivity", id, ColumnSet.of("channeltypecode"));
            String type = CHANNELS.getOrDefault(activity.getInteger("channeltypecode"), "phonecall");
            ui.service().execute(new ActionRequest("DistributeCampaignActivity",
                    new EntityReference("campaignactivity", id), Map.of("Propagate", propagate, "Activity",
                            new Entity(type), "OwnershipOptions", "ListMemberOwner".equals(ownership)
                                    ? "ListMemberOwner" : "Caller", "SendEmail", false, "PostWorkflowEvent", false)));
            return "/app/campaignactivity/" + id;
        });
    }

    @PostMapping("/app/campaignresponse/{id}/convert")
    String convert(@PathVariable UUID id, @RequestParam(defaultValue = "lead") String into,
            @RequestParam(defaultValue = "false") boolean opportunity, Locale locale, RedirectAttributes flash) {
        Ui ui = uis.create(locale);
        return run(ui, flash, "campaignresponse", id, "campaign.converted", () -> ui.service().inTransaction(() -> {
            Entity r = ui.service().retrieve("campaignresponse", id, ColumnSet.of("subject", "firstname", "lastname",
                    "companyname", "emailaddress", "telephone", "regardingobjectid"));
            EntityReference campaign = r.getReference("regardingobjectid");
            String next;
            if ("account".equals(into) || "contact".equals(into)) {
                Entity customer = "account".equals(into)
                        ? new Entity("account").set("name", firstNonBlank(r.getString("companyname"),
                                r.getString("lastname"), r.getString("subject")))
                        : new Entity("contact").set("firstname", r.getString("firstname"))
                                .set("lastname", firstNonBlank(r.getString("lastname"), r.getString("subject")));
                customer.set("emailaddress1", r.getString("emailaddress")).set("telephone1", r.getString("telephone"));
                UUID customerId = ui.service().create(customer);
                next = "/app/" + into + "/" + customerId;
                if (opportunity) {
                    UUID opp = ui.service().create(new Entity("opportunity").set("name", r.getString("subject"))
                            .set("customerid", new EntityReference(into, customerId))
                            .set("campaignid", campaign == null ? null : new EntityReference("campaign", campaign.id())));
                    next = "/app/opportunity/" + opp;
                }
            } else {
                UUID lead = ui.service().create(new Entity("lead").set("subject", r.getString("subject"))
                        .set("firstname", r.getString("firstname"))
                        .set("lastname", firstNonBlank(r.getString("lastname"), r.getString("subject")))
                        .set("companyname", r.getString("companyname")).set("emailaddress1", r.getString("emailaddress"))
                        .set("telephone1", r.getString("telephone"))
                        .set("relatedobjectid", new EntityReference("campaignresponse", id)));
                next = "/app/lead/" + lead;
            }
            ui.service().execute(new SetStateRequest(new EntityReference("campaignresponse", id), 1, 2));
            return next;
        }));
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }

    private String run(Ui ui, RedirectAttributes flash, String entity, UUID id, String notice, Supplier<String> work) {
        try {
            String next = work.get();
            flash.addFlashAttribute("notice", messages.getMessage(notice, null, ui.locale()));
            return "redirect:" + next;
        } catch (RapportException e) {
            flash.addFlashAttribute("alert", errors.message(e, ui.entity(entity), ui.locale()));
            return "redirect:/app/" + entity + "/" + id;
        }
    }
}
