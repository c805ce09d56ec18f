package io.rapport.web.internal.shell;

import io.rapport.error.RapportException;
import io.rapport.metadata.MetadataService;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The landing page of an area whose own entities are not there (yet): what the area lists, as links. */
@Controller
class AreaController {

    private final Navigation navigation;
    private final MetadataService metadata;

    AreaController(Navigation navigation, MetadataService metadata) {
        this.navigation = navigation;
        this.metadata = metadata;
    }

    @GetMapping("/areas/{key}")
    String area(@PathVariable String key, Locale locale, Model model) {
        Navigation.Area area = navigation.areas(metadata.snapshot(), locale, key, null).stream()
                .filter(a -> a.key().equals(key)).findFirst()
                .orElseThrow(() -> RapportException.notFound("area", key));
        model.addAttribute("area", area);
        return "area";
    }
}
