package io.rapport.web.internal.offline;

import io.rapport.metadata.EntityMetadata;
import io.rapport.web.internal.support.AdminPolicy;
import io.rapport.web.internal.support.Ui;
import io.rapport.web.internal.support.UiFactory;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Settings, Offline profile (administrators): for each entity set of the offline web app, which records go to the
 * devices (all the person may read, their own, their own open ones, the contacts of their accounts, a system view,
 * or none), and who wins when a change made offline meets a record changed on the server. A choice the set does not
 * offer or an unknown policy is refused with every problem at once and nothing saved.
 */
@Controller
class OfflineProfilePageController {

    private final OfflineProfiles profiles;
    private final UiFactory uis;
    private final AdminPolicy admins;
    private final MessageSource messages;

    OfflineProfilePageController(OfflineProfiles profiles, UiFactory uis, AdminPolicy admins,
            MessageSource messages) {
        this.profiles = profiles;
        this.uis = uis;
        this.admins = admins;
        this.messages = messages;
    }

    /** One set as the page shows it: its label, the choices and the chosen one. */
    record SetRow(String entitySet, String label, List<OfflineProfiles.Choice> choices, String chosen) {
    }

    @GetMapping("/settings/offline")
    String page(Locale locale, Model model) {
        Ui ui = admin(locale);
        return show(ui, profiles.rows(), profiles.conflictPolicy(), model);
    }

    @PostMapping("/settings/offline")
    String save(@RequestParam MultiValueMap<String, String> form, Locale locale, Model model,
            HttpServletResponse response, RedirectAttributes flash) {
        Ui ui = admin(locale);
        Map<String, String> chosen = new HashMap<>();
        for (OfflineProperties.Set set : profiles.sets()) {
            String value = form.getFirst("rows." + set.entitySet());
            chosen.put(set.entitySet(), value == null ? OfflineProfiles.ALL : value);
        }
        String policy = form.getFirst("conflictPolicy");
        List<String> problems = profiles.save(chosen, policy == null ? "" : policy, ui);
        if (!problems.isEmpty()) {
            response.setStatus(HttpStatus.UNPROCESSABLE_ENTITY.value());
            model.addAttribute("problems", problems);
            return show(ui, chosen, policy, model);
        }
        flash.addFlashAttribute("notice", messages.getMessage("offline.profile.saved", null, locale));
        return "redirect:/settings/offline";
    }

    private String show(Ui ui, Map<String, String> rows, String policy, Model model) {
        List<SetRow> sets = new ArrayList<>();
        for (OfflineProperties.Set set : profiles.sets()) {
            EntityMetadata e = ui.snapshot().findEntityBySetName(set.entitySet()).orElseThrow();
            sets.add(new SetRow(set.entitySet(), e.collectionLabel(ui.locale()), profiles.choices(e, ui),
                    rows.getOrDefault(set.entitySet(), OfflineProfiles.ALL)));
        }
        model.addAttribute("sets", sets);
        model.addAttribute("policy", policy);
        return "settings/offline";
    }

    private Ui admin(Locale locale) {
        if (!admins.isAdmin()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN);
        }
        return uis.create(locale);
    }
}
