package io.rapport.web.internal.marketing;

import io.rapport.error.RapportException;
import io.rapport.marketing.MarketingLists;
import io.rapport.pipeline.ActionRequest;
import io.rapport.query.Condition;
import io.rapport.query.Order;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.web.internal.support.ReturnPaths;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * "Add to marketing list" from an account, contact or lead form or from a list view's selection: a page to pick one
 * of the active, static, unlocked lists of the matching member type (first 100 by name, narrowed by a search),
 * then AddMemberList (one record) or AddListMembersList (a selection) through the pipeline.
 */
@Controller
class MarketingListUiController {

    private static final int CHOICES = 100;

    private final UiFactory uis;
    private final MessageSource messages;

    MarketingListUiController(UiFactory uis, MessageSource messages) {
        this.uis = uis;
        this.messages = messages;
    }

    @GetMapping("/app/{entity}/marketinglists/add")
    String choose(@PathVariable String entity, @RequestParam(name = "id", required = false) List<UUID> ids,
            @RequestParam(required = false) String q, @RequestParam(required = false) String returnTo,
            Locale locale, Model model) {
        QuickCampaignController.requireMember(entity);
        Ui ui = uis.create(locale);
        int type = MarketingLists.memberType(entity).orElseThrow();
        QueryExpression.Builder query = QueryExpression.from("list").select("listname", "membercount")
                .where(Condition.eq("createdfromcode", type)).where(Condition.eq("type", false))
                .where(Condition.eq("lockstatus", false)).where(Condition.eq("statecode", 0))
                .orderBy(new Order(null, "listname", false)).top(CHOICES);
        if (q != null && !q.isBlank()) {
            query.where(Condition.of("listname", io.rapport.query.ConditionOperator.CONTAINS, q.trim()));
        }
        model.addAttribute("entity", entity);
        model.addAttribute("entityLabel", ui.entity(entity).displayCollectionName().get(ui.language()));
        model.addAttribute("ids", ids == null ? List.of() : ids);
        model.addAttribute("lists", ui.service().retrieveMultiple(query.build()).entities());
        model.addAttribute("q", q);
        model.addAttribute("returnTo", safeReturn(entity, returnTo, ids));
        return "marketing/addtolist";
    }

    @PostMapping("/app/{entity}/marketinglists/add")
    String add(@PathVariable String entity, @RequestParam(name = "id", required = false) List<UUID> ids,
            @RequestParam(required = false) UUID list, @RequestParam(required = false) String returnTo,
            Locale locale, RedirectAttributes flash) {
        QuickCampaignController.requireMember(entity);
        Ui ui = uis.create(locale);
        String back = safeReturn(entity, returnTo, ids);
        try {
            if (list == null) {
                throw RapportException.invalid(messages.getMessage("marketing.addToList.chooseList", null, locale));
            }
            if (ids == null || ids.isEmpty()) {
                throw RapportException.invalid(messages.getMessage("marketing.addToList.noRecords", null, locale));
            }
            EntityReference target = new EntityReference("list", list);
            if (ids.size() == 1) {
                ui.service().execute(new ActionRequest(MarketingLists.ADD_MEMBER_LIST, target,
                        Map.of(MarketingLists.ENTITY_ID, ids.get(0))));
            } else {
                ui.service().execute(new ActionRequest(MarketingLists.ADD_LIST_MEMBERS_LIST, Map.of("List", target,
                        "Members", ids.stream().map(id -> new Entity(entity, id)).toList())));
            }
            flash.addFlashAttribute("notice", messages.getMessage("marketing.addToList.done",
                    new Object[] {ids.size()}, locale));
        } catch (RapportException e) {
            flash.addFlashAttribute("alert", e.getMessage());
        }
        return "redirect:" + back;
    }

    private static String safeReturn(String entity, String returnTo, List<UUID> ids) {
        return ReturnPaths.safe(entity, returnTo,
                ids != null && ids.size() == 1 ? "/app/" + entity + "/" + ids.get(0) : "/app/" + entity);
    }
}
