package io.rapport.web.internal.dashboard;

import io.rapport.web.internal.support.UiFactory;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The Service area's home page: the service dashboard (a more specific mapping than the generic area page). */
@Controller
class ServiceDashboardController {

    private final UiFactory uis;
    private final ServiceDashboard dashboard;

    ServiceDashboardController(UiFactory uis, ServiceDashboard dashboard) {
        this.uis = uis;
        this.dashboard = dashboard;
    }

    @GetMapping("/areas/service")
    String home(Locale locale, Model model) {
        model.addAttribute("page", dashboard.build(uis.create(locale)));
        return "service-dashboard";
    }
}
