package io.rapport.web.internal.list;

import io.rapport.web.internal.layout.LayoutCatalog;
import io.rapport.web.internal.layout.ViewDefinition;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
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

    ListController(UiFactory uis, GridBuilder grids, LayoutCatalog layouts) {
        this.uis = uis;
        this.grids = grids;
        this.layouts = layouts;
    }

    @GetMapping("/app/{entity}")
    String page(@PathVariable String entity, @RequestParam MultiValueMap<String, String> params, Locale locale,
            Model model) {
        Ui ui = uis.create(locale);
        model.addAttribute("grid", grids.build(ui, entity, ListState.from(params)));
        return "list";
    }

    @GetMapping("/app/{entity}/grid")
    String grid(@PathVariable String entity, @RequestParam MultiValueMap<String, String> params, Locale locale,
            Model model, HttpServletResponse response) {
        Ui ui = uis.create(locale);
        Grid grid = grids.build(ui, entity, ListState.from(params));
        model.addAttribute("grid", grid);
        // the address bar follows the list state, so that back, reload and links keep it
        response.setHeader("HX-Push-Url", "/app/" + entity + (grid.query().isEmpty() ? "" : "?" + grid.query()));
        return "list :: grid";
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
