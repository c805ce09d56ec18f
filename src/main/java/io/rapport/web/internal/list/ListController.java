package io.rapport.web.internal.list;

import io.rapport.web.internal.layout.LayoutCatalog;
import io.rapport.web.internal.layout.ViewDefinition;
import io.rapport.web.internal.service.QueueWork;
import io.rapport.web.internal.marketing.ListQueryEditor;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import jakarta.servlet.http.HttpServletResponse;
import io.rapport.metadata.EntityMetadata;
import io.rapport.web.internal.support.UiPreferences;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.ResponseEntity;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** List views of any entity: the page, the grid fragment htmx swaps in, and saving a personal view. */
@Controller
class ListController {

    private final UiFactory uis;
    private final GridBuilder grids;
    private final LayoutCatalog layouts;
    private final UiPreferences preferences;
    private final QueueWork queueWork;
    private final io.rapport.web.internal.support.AdminPolicy policy;

    ListController(UiFactory uis, GridBuilder grids, LayoutCatalog layouts, UiPreferences preferences,
            QueueWork queueWork, io.rapport.web.internal.support.AdminPolicy policy) {
        this.policy = policy;
        this.preferences = preferences;
        this.queueWork = queueWork;
        this.uis = uis;
        this.grids = grids;
        this.layouts = layouts;
    }

    @GetMapping("/app/{entity}")
    String page(@PathVariable String entity, @RequestParam MultiValueMap<String, String> params, Locale locale,
            Model model) {
        Ui ui = uis.create(locale);
        model.addAttribute("grid", grids.build(ui, entity, remembered(ui, entity, ListState.from(params))));
        model.addAttribute("canBulkDelete", policy.holds(io.rapport.pipeline.Messages.PRV_BULK_DELETE));
        queueChoices(ui, entity, model);
        ListQueryEditor.target(ui, entity, params.getFirst("forlist")).ifPresent(t -> model.addAttribute("forList", t));
        return "list";
    }

    @GetMapping("/app/{entity}/grid")
    String grid(@PathVariable String entity, @RequestParam MultiValueMap<String, String> params, Locale locale,
            Model model, HttpServletResponse response) {
        Ui ui = uis.create(locale);
        Grid grid = grids.build(ui, entity, remembered(ui, entity, ListState.from(params)));
        model.addAttribute("grid", grid);
        model.addAttribute("canBulkDelete", policy.holds(io.rapport.pipeline.Messages.PRV_BULK_DELETE));
        queueChoices(ui, entity, model);
        ListQueryEditor.Target forList = ListQueryEditor.target(ui, entity, params.getFirst("forlist")).orElse(null);
        model.addAttribute("forList", forList);
        // the address bar follows the list state, so that back, reload and links keep it
        response.setHeader("HX-Push-Url", "/app/" + entity + (grid.query().isEmpty() ? "" : "?" + grid.query())
                + (forList == null ? "" : (grid.query().isEmpty() ? "?" : "&") + "forlist=" + forList.id()));
        return "list :: grid";
    }

    /**
     * The column chooser's list, fetched by htmx when the user first opens the chooser: the page's columns (the
     * {@code cols} the page shows, in order) ticked, then the others.
     */
    @GetMapping("/app/{entity}/columns")
    String columnChoices(@PathVariable String entity, @RequestParam MultiValueMap<String, String> params,
            Locale locale, Model model) {
        model.addAttribute("chooser", grids.columnChoices(uis.create(locale), entity, ListState.from(params)));
        return "list :: columnChoices";
    }

    /** The queue item list's Route button offers the queues the user can see. */
    private void queueChoices(Ui ui, String entity, Model model) {
        if (entity.equals("queueitem")) {
            model.addAttribute("queueChoices", queueWork.queues(ui));
        }
    }

    /** Remembers the columns the user applied to a view, for their next visit (any node, any browser). */
    @PostMapping("/app/{entity}/columns")
    ResponseEntity<Void> rememberColumns(@PathVariable String entity, @RequestParam(required = false) String view,
            @RequestParam(defaultValue = "") String cols, Locale locale) {
        Ui ui = uis.create(locale);
        EntityMetadata e = ui.entity(entity);
        List<String> chosen = Arrays.stream(cols.split(",")).map(String::trim).filter(e::hasAttribute).distinct()
                .toList();
        preferences.save(ui.caller().userId(), columnsKey(entity, layouts.view(ui, entity, view).key()),
                String.join(",", chosen));
        return ResponseEntity.noContent().build();
    }

    /** The list state with the user's remembered columns for its view, when the address names none. */
    private ListState remembered(Ui ui, String entity, ListState state) {
        if (!state.columns().isEmpty()) {
            return state;
        }
        String view = layouts.view(ui, entity, state.view()).key();
        // blank: none remembered (the view editor clears them when it saves the view)
        return preferences.find(ui.caller().userId(), columnsKey(entity, view)).filter(cols -> !cols.isBlank())
                .map(cols -> state.withColumns(Arrays.asList(cols.split(",")))).orElse(state);
    }

    private static String columnsKey(String entity, String view) {
        return "columns:" + entity + ":" + view;
    }

    @PostMapping("/app/{entity}/views")
    String savePersonalView(@PathVariable String entity, @RequestParam String name,
            @RequestParam MultiValueMap<String, String> params, Locale locale) {
        Ui ui = uis.create(locale);
        ListState state = ListState.from(params);
        ViewDefinition base = layouts.view(ui, entity, state.view());
        ViewDefinition personal = base.withColumns(ListQueryBuilder.columns(ui.entity(entity), base, state));
        if (state.sort() != null) {
            personal = personal.withOrders(List.of(new ViewDefinition.ViewOrder(state.sort(), state.descending())));
        }
        String key = layouts.savePersonalView(ui, personal, name.isBlank() ? base.key() : name.trim());
        return "redirect:/app/" + entity + "?view=" + key;
    }
}
