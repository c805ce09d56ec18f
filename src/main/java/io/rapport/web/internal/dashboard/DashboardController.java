package io.rapport.web.internal.dashboard;

import io.rapport.web.internal.support.UiFactory;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The home page: the sales dashboard. */
@Controller
class DashboardController {

    private final UiFactory uis;
    private final DashboardCharts charts;

    DashboardController(UiFactory uis, DashboardCharts charts) {
        this.uis = uis;
        this.charts = charts;
    }

    @GetMapping("/")
    String home(Locale locale, Model model) {
        model.addAttribute("charts", charts.sales(uis.create(locale)));
        return "dashboard";
    }
}
