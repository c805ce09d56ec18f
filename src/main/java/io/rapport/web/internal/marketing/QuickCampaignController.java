package io.rapport.web.internal.marketing;

import io.rapport.error.RapportException;
import io.rapport.marketing.MarketingLists;
import io.rapport.pipeline.ActionRequest;
import io.rapport.pipeline.Messages.SetStateRequest;
import io.rapport.query.ColumnSet;
import io.rapport.query.Condition;
import io.rapport.query.ConditionOperator;
import io.rapport.query.QueryExpression;
import io.rapport.record.Entity;
import io.rapport.record.EntityReference;
import io.rapport.web.internal.layout.LayoutCatalog;
import io.rapport.web.internal.list.Grid;
import io.rapport.web.internal.list.GridBuilder;
import io.rapport.web.internal.list.ListQueryBuilder;
import io.rapport.web.internal.list.ListState;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Quick campaigns from a list view (the selected records, the records on this page, or all records of the view with
 * its filters) or from a marketing list: a one-page wizard (name, activity type and fields, owner, open or
 * completed) that starts PropagateByExpression or CreateActivitiesList, then a progress page that polls with htmx
 * until the job ends and shows the counts and the log, with a cancel button while it runs.
 */
@Controller
class QuickCampaignController {

    static final List<String> MEMBER_ENTITIES = List.of("account", "contact", "lead");
    static final List<String> ACTIVITIES = List.of("phonecall", "email", "letter", "fax", "task", "appointment");
    private static final int LOG_PAGE = 50;

    private final UiFactory uis;
    private final GridBuilder grids;
    private final LayoutCatalog layouts;

    QuickCampaignController(UiFactory uis, GridBuilder grids, LayoutCatalog layouts) {
        this.uis = uis;
        this.grids = grids;
        this.layouts = layouts;
    }

    /** The wizard over a list view's records: scope selected (ids), page (the state's page) or all (the view). */
    @GetMapping("/app/{entity}/quickcampaign")
    String wizard(@PathVariable String entity, @RequestParam(defaultValue = "selected") String scope,
            @RequestParam MultiValueMap<String, String> params, Locale locale, Model model) {
        Ui ui = uis.create(locale);
        requireMember(entity);
        model.addAttribute("target", "/app/" + entity + "/quickcampaign");
        model.addAttribute("entityLabel", ui.entity(entity).displayCollectionName().get(ui.language()));
        model.addAttribute("scope", scope);
        model.addAttribute("ids", params.getOrDefault("id", List.of()));
        model.addAttribute("state", ListState.from(params).query());
        return form(model, new HashMap<>(), null);
    }

    @GetMapping("/app/list/{id}/quickcampaign")
    String listWizard(@PathVariable UUID id, Locale locale, Model model) {
        Ui ui = uis.create(locale);
        Entity list = ui.service().retrieve("list", id, ColumnSet.of("listname"));
        model.addAttribute("target", "/app/list/" + id + "/quickcampaign");
        model.addAttribute("entityLabel", list.getString("listname"));
        model.addAttribute("scope", "list");
        model.addAttribute("ids", List.of());
        model.addAttribute("state", "");
        return form(model, new HashMap<>(), null);
    }

    private static String form(Model model, Map<String, String> values, String error) {
        model.addAttribute("activities", ACTIVITIES);
        model.addAttribute("values", values);
        model.addAttribute("error", error);
        return "marketing/quickcampaign";
    }

    @PostMapping("/app/{entity}/quickcampaign")
    String start(@PathVariable String entity, @RequestParam MultiValueMap<String, String> params, Locale locale,
            Model model) {
        Ui ui = uis.create(locale);
        requireMember(entity);
        String scope = params.getFirst("scope");
        try {
            QueryExpression query = switch (scope == null ? "" : scope) {
                case "selected" -> ids(entity, params.getOrDefault("id", List.of()).stream().map(UUID::fromString)
                        .toList());
                case "page" -> ids(entity, grids.build(ui, entity, ListState.from(state(params))).rows().stream()
                        .map(Grid.Row::id).toList());
                case "all" -> {
                    ListState state = ListState.from(state(params));
                    yield ListQueryBuilder.query(ui.snapshot(), ui.entity(entity), layouts.view(ui, entity,
                            state.view()), state).build();
                }
                default -> throw RapportException.invalid("Choose which records the quick campaign is for.");
            };
            Map<String, Object> p = common(params);
            p.put(MarketingLists.QUERY_EXPRESSION, query);
            p.put(MarketingLists.EXECUTE_IMMEDIATELY, "completed".equals(params.getFirst("createas")));
            UUID id = (UUID) ui.service().execute(new ActionRequest(MarketingLists.PROPAGATE_BY_EXPRESSION, p))
                    .output(MarketingLists.BULK_OPERATION_ID);
            return "redirect:/marketing/quickcampaigns/" + id;
        } catch (RapportException | IllegalArgumentException e) {
            model.addAttribute("target", "/app/" + entity + "/quickcampaign");
            model.addAttribute("entityLabel", ui.entity(entity).displayCollectionName().get(ui.language()));
            model.addAttribute("scope", scope);
            model.addAttribute("ids", params.getOrDefault("id", List.of()));
            model.addAttribute("state", params.getFirst("state"));
            return form(model, params.toSingleValueMap(), e.getMessage());
        }
    }

    @PostMapping("/app/list/{id}/quickcampaign")
    String startForList(@PathVariable UUID id, @RequestParam MultiValueMap<String, String> params, Locale locale,
            Model model) {
        Ui ui = uis.create(locale);
        try {
            Map<String, Object> p = common(params);
            p.put(MarketingLists.PROPAGATE, "completed".equals(params.getFirst("createas")));
            UUID op = (UUID) ui.service().execute(new ActionRequest(MarketingLists.CREATE_ACTIVITIES_LIST,
                    new EntityReference("list", id), p)).output(MarketingLists.BULK_OPERATION_ID);
            return "redirect:/marketing/quickcampaigns/" + op;
        } catch (RapportException | IllegalArgumentException e) {
            model.addAttribute("target", "/app/list/" + id + "/quickcampaign");
            model.addAttribute("entityLabel", "");
            model.addAttribute("scope", "list");
            model.addAttribute("ids", List.of());
            model.addAttribute("state", "");
            return form(model, params.toSingleValueMap(), e.getMessage());
        }
    }

    @GetMapping("/marketing/quickcampaigns/{id}")
    String progressPage(@PathVariable UUID id, @RequestParam(defaultValue = "1") int page, Locale locale,
            Model model) {
        progressModel(uis.create(locale), id, page, model);
        return "marketing/progress";
    }

    @GetMapping("/marketing/quickcampaigns/{id}/progress")
    String progress(@PathVariable UUID id, Locale locale, Model model) {
        progressModel(uis.create(locale), id, 1, model);
        return "marketing/progress :: progress";
    }

    @PostMapping("/marketing/quickcampaigns/{id}/cancel")
    String cancel(@PathVariable UUID id, Locale locale) {
        Ui ui = uis.create(locale);
        ui.service().execute(new SetStateRequest(new EntityReference("bulkoperation", id), 2,
                MarketingLists.BULK_CANCELED));
        return "redirect:/marketing/quickcampaigns/" + id;
    }

    private void progressModel(Ui ui, UUID id, int page, Model model) {
        Entity op = ui.service().retrieve("bulkoperation", id, ColumnSet.of("subject", "statecode", "statuscode",
                "targetmemberscount", "successcount", "failurecount", "createdrecordtypecode"));
        int total = op.getInteger("targetmemberscount") == null ? 0 : op.getInteger("targetmemberscount");
        int done = op.getInteger("successcount") + op.getInteger("failurecount");
        boolean finished = op.getInteger("statecode") != 0;
        model.addAttribute("op", op);
        model.addAttribute("id", id);
        model.addAttribute("finished", finished);
        model.addAttribute("status", op.getInteger("statuscode"));
        model.addAttribute("percent", finished ? 100 : total == 0 ? 0 : Math.min(100, done * 100 / total));
        model.addAttribute("total", total);
        model.addAttribute("created", op.getInteger("successcount"));
        model.addAttribute("failed", op.getInteger("failurecount"));
        int p = Math.max(1, page);
        List<Entity> log = ui.service().retrieveMultiple(QueryExpression.from("bulkoperationlog")
                .select("regardingobjectid", "errordescription").where(Condition.eq("bulkoperationid", id))
                .orderBy(new io.rapport.query.Order(null, "createdon", false)).page(p, LOG_PAGE + 1).build())
                .entities();
        model.addAttribute("log", log.size() > LOG_PAGE ? log.subList(0, LOG_PAGE) : log);
        model.addAttribute("logPage", p);
        model.addAttribute("logMore", log.size() > LOG_PAGE);
    }

    private static Map<String, Object> common(MultiValueMap<String, String> params) {
        String type = params.getFirst("activity");
        if (type == null || !ACTIVITIES.contains(type)) {
            throw RapportException.invalid("Choose the type of activity to create.");
        }
        Entity activity = new Entity(type).set("subject", blankToNull(params.getFirst("subject")));
        String description = blankToNull(params.getFirst("description"));
        if (description != null) {
            activity.set("description", description);
        }
        String due = blankToNull(params.getFirst("due"));
        if (due != null) {
            try {
                activity.set("scheduledend", LocalDateTime.parse(due).toInstant(java.time.ZoneOffset.UTC));
            } catch (DateTimeParseException e) {
                throw RapportException.invalid("The due date is not a valid date and time.");
            }
        }
        String duration = blankToNull(params.getFirst("duration"));
        if (duration != null) {
            try {
                activity.set("scheduleddurationminutes", Integer.parseInt(duration));
            } catch (NumberFormatException e) {
                throw RapportException.invalid("The duration must be a whole number of minutes.");
            }
        }
        Map<String, Object> p = new HashMap<>();
        p.put(MarketingLists.FRIENDLY_NAME, params.getFirst("name") == null ? "" : params.getFirst("name"));
        p.put(MarketingLists.ACTIVITY, activity);
        p.put(MarketingLists.OWNERSHIP_OPTIONS, "owner".equals(params.getFirst("ownership"))
                ? MarketingLists.OWNER_MEMBER : MarketingLists.OWNER_CALLER);
        return p;
    }

    private static QueryExpression ids(String entity, List<UUID> ids) {
        if (ids.isEmpty()) {
            throw RapportException.invalid("Select at least one record.");
        }
        return QueryExpression.from(entity).where(new Condition(null, entity + "id", ConditionOperator.IN,
                new ArrayList<>(ids))).build();
    }

    /** The list state the wizard carried as one query string. */
    static MultiValueMap<String, String> state(MultiValueMap<String, String> params) {
        MultiValueMap<String, String> state = new org.springframework.util.LinkedMultiValueMap<>();
        String query = params.getFirst("state");
        if (query != null && !query.isBlank()) {
            org.springframework.web.util.UriComponentsBuilder.fromUriString("/?" + query).build().getQueryParams()
                    .forEach((k, v) -> v.forEach(value -> state.add(decode(k), decode(value))));
        }
        return state;
    }

    private static String decode(String s) {
        return s == null ? null : java.net.URLDecoder.decode(s, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    static void requireMember(String entity) {
        if (!MEMBER_ENTITIES.contains(entity)) {
            throw RapportException.invalid("Quick campaigns and marketing lists are for accounts, contacts and leads.");
        }
    }
}
